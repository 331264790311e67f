module example.com/benchtable

go 1.21
