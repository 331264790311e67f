package python

import "sync/atomic"

// Objects looked up once per interpreter, dropped at Finalize. No mutex: the
// lookups run holding the GIL, which Python may hand to another thread midway
// (while importing), and a goroutine waiting for a mutex while holding the GIL
// would deadlock. Two goroutines may both look up; one result is kept.
var cachedDatetime atomic.Pointer[datetimeModule]

type datetimeModule struct {
	datetime *Object // the datetime.datetime class
	utc      *Object // datetime.timezone.utc
}

func (m *datetimeModule) close() {
	m.datetime.Close()
	m.utc.Close()
}

// datetimeClasses (under the GIL: Import and Attr only re-enter it).
func datetimeClasses() (*datetimeModule, error) {
	if found := cachedDatetime.Load(); found != nil {
		return found, nil
	}
	module, err := Import("datetime")
	if err != nil {
		return nil, err
	}
	defer module.Close()
	class, err := module.Attr("datetime")
	if err != nil {
		return nil, err
	}
	timezone, err := module.Attr("timezone")
	if err != nil {
		class.Close()
		return nil, err
	}
	defer timezone.Close()
	utc, err := timezone.Attr("utc")
	if err != nil {
		class.Close()
		return nil, err
	}
	made := &datetimeModule{class, utc}
	if !cachedDatetime.CompareAndSwap(nil, made) {
		made.close()
		return cachedDatetime.Load(), nil
	}
	return made, nil
}

func forgetCached() {
	if found := cachedDatetime.Swap(nil); found != nil {
		found.close()
	}
}
