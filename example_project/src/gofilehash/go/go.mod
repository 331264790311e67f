module example.com/gofilehash

go 1.21
