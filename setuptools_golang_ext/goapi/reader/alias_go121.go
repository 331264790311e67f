//go:build !go1.22

package main

import "go/types"

// Go 1.21's go/types has no alias nodes: an alias is already resolved to the
// type it stands for wherever it is used, so there is nothing to undo.

func unalias(t types.Type) types.Type {
	return t
}

func aliasName(types.Type) (*types.TypeName, bool) {
	return nil, false
}
