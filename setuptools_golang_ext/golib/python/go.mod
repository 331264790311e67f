module setuptools-golang-ext.dev/python

go 1.21
