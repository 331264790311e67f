module setuptools_golang_ext/goapi/reader

go 1.21
