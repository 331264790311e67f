package python

import "sync"

// Objects looked up once per interpreter, dropped at Finalize.
var cached struct {
	sync.Mutex
	datetime *datetimeModule
}

type datetimeModule struct {
	datetime *Object // the datetime.datetime class
	utc      *Object // datetime.timezone.utc
}

// datetimeClasses (under the GIL: Import and Attr only re-enter it).
func datetimeClasses() (*datetimeModule, error) {
	cached.Lock()
	defer cached.Unlock()
	if cached.datetime != nil {
		return cached.datetime, nil
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
		return nil, err
	}
	defer timezone.Close()
	utc, err := timezone.Attr("utc")
	if err != nil {
		return nil, err
	}
	cached.datetime = &datetimeModule{class, utc}
	return cached.datetime, nil
}

func forgetCached() {
	cached.Lock()
	defer cached.Unlock()
	if cached.datetime != nil {
		cached.datetime.datetime.Close()
		cached.datetime.utc.Close()
		cached.datetime = nil
	}
}
