module example.com/composite

go 1.21
