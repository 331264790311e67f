module example.com/mypkg

go 1.21
