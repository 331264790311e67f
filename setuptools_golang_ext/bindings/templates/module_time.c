// time.Time as the glue takes and gives it (goextTime, goextTimeParts): Unix
// seconds, nanoseconds and the UTC offset in seconds; in Python an aware
// datetime.datetime, as the ctypes layer's _time_arg and _time_result make it.
typedef struct { int64_t s; int32_t ns; int32_t off; } goext_time;

static PyObject *goext_datetime, *goext_timedelta, *goext_timezone, *goext_epoch;

// The datetime classes, on the first time.Time a call converts.
static int goext_time_classes(void) {
	PyObject *module, *utc;
	if (goext_epoch != NULL) return 0;
	module = PyImport_ImportModule("datetime");
	if (module == NULL) return -1;
	goext_datetime = PyObject_GetAttrString(module, "datetime");
	goext_timedelta = PyObject_GetAttrString(module, "timedelta");
	goext_timezone = PyObject_GetAttrString(module, "timezone");
	Py_DECREF(module);
	utc = goext_timezone ? PyObject_GetAttrString(goext_timezone, "utc") : NULL;
	if (goext_datetime != NULL && goext_timedelta != NULL && utc != NULL) {
		goext_epoch = PyObject_CallFunction(goext_datetime, "iiiiiiiO", 1970, 1, 1, 0, 0, 0, 0,
			utc);
	}
	Py_XDECREF(utc);
	return goext_epoch == NULL ? -1 : 0;
}

static int goext_time_fields(PyObject *moment, PyObject *offset, goext_time *out) {
	PyObject *since = PyNumber_Subtract(moment, goext_epoch), *days = NULL, *seconds = NULL,
		*micro = NULL, *total = NULL;
	if (since != NULL) {
		days = PyObject_GetAttrString(since, "days");
		seconds = days ? PyObject_GetAttrString(since, "seconds") : NULL;
		micro = seconds ? PyObject_GetAttrString(since, "microseconds") : NULL;
		total = micro ? PyObject_CallMethod(offset, "total_seconds", NULL) : NULL;
	}
	if (total != NULL) {
		out->s = (int64_t)PyLong_AsLongLong(days) * 86400 + PyLong_AsLongLong(seconds);
		out->ns = (int32_t)(PyLong_AsLong(micro) * 1000);
		out->off = (int32_t)PyFloat_AsDouble(total);
	}
	Py_XDECREF(since); Py_XDECREF(days); Py_XDECREF(seconds); Py_XDECREF(micro);
	Py_XDECREF(total);
	return total == NULL || PyErr_Occurred() ? -1 : 0;
}

// A naive datetime is local time, as datetime.timestamp() takes it.
static int goext_time_arg(PyObject *o, const char *where, goext_time *out) {
	PyObject *moment, *offset;
	int is_datetime, failed;
	if (goext_time_classes() < 0) return -1;
	is_datetime = PyObject_IsInstance(o, goext_datetime);
	if (is_datetime <= 0) {
		if (is_datetime == 0) {
			goext_type_error("%s must be a datetime.datetime (Go time.Time), not %U", where, o);
		}
		return -1;
	}
	Py_INCREF(o);
	moment = o;
	offset = PyObject_CallMethod(moment, "utcoffset", NULL);
	if (offset == Py_None) {
		Py_DECREF(offset);
		Py_DECREF(moment);
		moment = PyObject_CallMethod(o, "astimezone", NULL);
		offset = moment ? PyObject_CallMethod(moment, "utcoffset", NULL) : NULL;
	}
	failed = offset == NULL || goext_time_fields(moment, offset, out) < 0;
	Py_XDECREF(moment);
	Py_XDECREF(offset);
	return failed ? -1 : 0;
}

// Go's time in its own UTC offset (microseconds: Python keeps no nanoseconds).
static PyObject *goext_time_result(int64_t s, int32_t ns, int32_t off) {
	PyObject *delta, *moment = NULL, *zone_delta = NULL, *zone = NULL, *result = NULL;
	if (goext_time_classes() < 0) return NULL;
	delta = PyObject_CallFunction(goext_timedelta, "iLi", 0, (long long)s, (int)(ns / 1000));
	moment = delta ? PyNumber_Add(goext_epoch, delta) : NULL;
	zone_delta = moment ? PyObject_CallFunction(goext_timedelta, "iii", 0, (int)off, 0) : NULL;
	zone = zone_delta ? PyObject_CallFunctionObjArgs(goext_timezone, zone_delta, NULL) : NULL;
	result = zone ? PyObject_CallMethod(moment, "astimezone", "O", zone) : NULL;
	Py_XDECREF(delta); Py_XDECREF(moment); Py_XDECREF(zone_delta); Py_XDECREF(zone);
	return result;
}
