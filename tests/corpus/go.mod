module example.com/golibs

go 1.21
