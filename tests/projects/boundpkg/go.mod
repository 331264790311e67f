module example.com/boundpkg

go 1.21

require (
	github.com/google/uuid v1.6.0
	github.com/tidwall/gjson v1.18.0
)

require (
	github.com/tidwall/match v1.1.1 // indirect
	github.com/tidwall/pretty v1.2.0 // indirect
)
