//go:build go1.22

package main

import "go/types"

// unalias returns the type an alias stands for. Since Go 1.22 go/types may
// represent `type A = B` as a *types.Alias node (GODEBUG=gotypesalias=1, the
// default from Go 1.23 on); the compiler only ever sees B.
func unalias(t types.Type) types.Type {
	return types.Unalias(t)
}

// aliasName returns the declared name of t if t is an alias node.
func aliasName(t types.Type) (*types.TypeName, bool) {
	a, ok := t.(*types.Alias)
	if !ok {
		return nil, false
	}
	return a.Obj(), true
}
