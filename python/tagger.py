"""tagger.py - Python binding for libtagger, over ctypes.

Why ctypes: the binding is one file of the standard library's own FFI, so an editorial
tool gets libtagger without a compiler, a package index or a compiled extension that
must match the interpreter. The cost is that the C declarations are repeated here; the
names and ownership follow include/tagger.h exactly.

    import tagger
    model = tagger.Model()                    # the default model
    doc = model.tag("Roscosmos launched ...", title="...", lang="en")
    doc["tags"][0]["label"], doc["entities"][0]["type"], doc["model"]

A Model is immutable and may be shared by any number of threads; each thread gets its
own tg_scratch the first time it tags (ctypes releases the GIL during the call, so
threads tag in parallel). Results are plain dicts in DESIGN.md's JSON names, made by
tg_result_to_json, so the binding and the program can never disagree on a name.

The library is found, in order: $TAGGER_LIBRARY (a path to libtagger.so), a build
directory of the source tree this file lives in, lib/ of the prefix this file was
installed under, and the system's library path.
"""

import ctypes
import ctypes.util
import glob
import json
import os
import threading

__all__ = ["Model", "TaggerError", "library_version", "load_library"]

TG_OK = 0
_CODES = {
    -1: "NOMEM",
    -2: "IO",
    -3: "DATA",
    -4: "INPUT",
    -5: "LIMIT",
    -6: "ARG",
}
_LIMITS = {"document": 0, "entities": 1, "match": 2, "depth": 3}


class _Error(ctypes.Structure):
    _fields_ = [
        ("code", ctypes.c_int),
        ("message", ctypes.c_char * 512),
        ("file", ctypes.c_char * 512),
        ("line", ctypes.c_uint),
        ("column", ctypes.c_uint),
        ("offset", ctypes.c_size_t),
    ]


class _DocOptions(ctypes.Structure):
    _fields_ = [
        ("title", ctypes.c_char_p),
        ("title_len", ctypes.c_size_t),
        ("lang", ctypes.c_char_p),
        ("labels", ctypes.c_char_p),
        ("replace_invalid", ctypes.c_int),
        ("html", ctypes.c_int),
    ]


class TaggerError(Exception):
    """A libtagger failure: `code` (the TG_ERR_* value), `kind` ("IO", "DATA",
    "INPUT", ...), `message`, and for data files `file`, `line`, `column`; for
    invalid UTF-8, `offset` is the byte offset of the first bad byte."""

    def __init__(self, code, message, file="", line=0, column=0, offset=0):
        self.code = code
        self.kind = _CODES.get(code, "UNKNOWN")
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.offset = offset
        where = file
        if file and line:
            where = "%s:%d:%d" % (file, line, column)
        super().__init__("%s: %s" % (where, message) if where else message)

    @classmethod
    def _from(cls, code, err):
        return cls(
            code,
            err.message.decode("utf-8", "replace"),
            err.file.decode("utf-8", "replace"),
            err.line,
            err.column,
            err.offset,
        )


def _candidates():
    env = os.environ.get("TAGGER_LIBRARY")
    if env:
        yield env
        return
    here = os.path.dirname(os.path.abspath(__file__))
    # python/ in the source tree: ../build*/libtagger.so, newest first.
    builds = glob.glob(os.path.join(here, "..", "build*", "libtagger.so"))
    builds.sort(key=lambda p: os.path.getmtime(p), reverse=True)
    yield from builds
    # share/tagger/python installed: ../../../lib*/libtagger.so
    prefix = os.path.normpath(os.path.join(here, "..", "..", ".."))
    yield from sorted(glob.glob(os.path.join(prefix, "lib*", "libtagger.so*")))
    yield from sorted(glob.glob(os.path.join(prefix, "lib*", "*", "libtagger.so*")))
    found = ctypes.util.find_library("tagger")
    if found:
        yield found
    yield "libtagger.so.0"


_lib = None
_lib_lock = threading.Lock()


def _declare(lib):
    P, S, I = ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int
    E = ctypes.POINTER(_Error)
    sig = {
        "tg_version": (ctypes.c_char_p, []),
        "tg_strerror": (ctypes.c_char_p, [I]),
        "tg_model_load": (I, [ctypes.POINTER(P), ctypes.c_char_p, E]),
        "tg_model_free": (None, [P]),
        "tg_model_version": (ctypes.c_char_p, [P]),
        "tg_model_dir": (ctypes.c_char_p, [P]),
        "tg_model_set_limit": (I, [P, I, S]),
        "tg_model_counts": (None, [P, ctypes.POINTER(S), ctypes.POINTER(S), ctypes.POINTER(S)]),
        "tg_scratch_new": (I, [ctypes.POINTER(P), P, E]),
        "tg_scratch_free": (None, [P]),
        "tg_tag_text": (I, [ctypes.POINTER(P), P, P, ctypes.c_char_p, S,
                            ctypes.POINTER(_DocOptions), E]),
        "tg_result_free": (None, [P]),
        "tg_result_to_json": (I, [P, P, ctypes.c_char_p, ctypes.POINTER(P), ctypes.POINTER(S)]),
    }
    for name, (res, args) in sig.items():
        fn = getattr(lib, name)
        fn.restype = res
        fn.argtypes = args
    # The process's free() (global lookup), not libc's by handle: under a sanitizer
    # runtime the library's malloc is the runtime's, and so must be the free.
    free = ctypes.CDLL(None).free
    free.restype = None
    free.argtypes = [P]
    lib._free = free


def load_library():
    """The loaded libtagger (ctypes.CDLL); loads it on first use. Raises OSError
    naming every place tried when none loads."""
    global _lib
    with _lib_lock:
        if _lib is None:
            tried = []
            for path in _candidates():
                try:
                    lib = ctypes.CDLL(path)
                except OSError as e:
                    tried.append("%s (%s)" % (path, e))
                    continue
                _declare(lib)
                _lib = lib
                break
            else:
                raise OSError("libtagger not found; tried: " + "; ".join(tried)
                              + " (set TAGGER_LIBRARY to the path of libtagger.so)")
    return _lib


def library_version():
    """The version of the loaded libtagger, e.g. "0.1.0"."""
    return load_library().tg_version().decode()


def _utf8(s):
    if s is None:
        return None
    return s.encode("utf-8") if isinstance(s, str) else bytes(s)


class Model:
    """A loaded model. `dir` None means the library's default ($TAGGER_MODEL, else the
    installed model, else this source tree's gazetteers/ and rules/). `limits` sets
    tg_model_set_limit values by name: document, entities, match, depth.

    Close it with close() or a with-block; until then it may be used from any
    number of threads."""

    def __init__(self, dir=None, limits=None):
        lib = load_library()
        self._lib = lib
        self._ptr = None
        self._lock = threading.Lock()
        self._local = threading.local()
        self._scratches = []
        if dir is None and not os.environ.get("TAGGER_MODEL"):
            dir = _default_dir()
        ptr = ctypes.c_void_p()
        err = _Error()
        rc = lib.tg_model_load(ctypes.byref(ptr), _utf8(dir), ctypes.byref(err))
        if rc != TG_OK:
            raise TaggerError._from(rc, err)
        self._ptr = ptr
        for name, value in (limits or {}).items():
            if name not in _LIMITS:
                self.close()
                raise ValueError("unknown limit %r (one of %s)" % (name, ", ".join(_LIMITS)))
            rc = lib.tg_model_set_limit(ptr, _LIMITS[name], int(value))
            if rc != TG_OK:
                self.close()
                raise TaggerError(rc, "bad value for limit %s: %r" % (name, value))

    @property
    def version(self):
        """Short hash of the model's files (8 hex digits)."""
        return self._lib.tg_model_version(self._live()).decode()

    @property
    def dir(self):
        """The directory the model was loaded from."""
        return self._lib.tg_model_dir(self._live()).decode("utf-8", "replace")

    def counts(self):
        """{"entities": N, "aliases": N, "rules": N} of the loaded model."""
        e, a, r = ctypes.c_size_t(), ctypes.c_size_t(), ctypes.c_size_t()
        self._lib.tg_model_counts(self._live(), ctypes.byref(e), ctypes.byref(a), ctypes.byref(r))
        return {"entities": e.value, "aliases": a.value, "rules": r.value}

    def tag(self, text, title=None, lang=None, labels=None, html=False,
            replace_invalid=False, id=None):
        """Tag one document and return DESIGN.md's JSON as a dict: id (when given),
        lang, model, tags, entities. `text` is str or UTF-8 bytes (bytes with invalid
        UTF-8 raise TaggerError kind "INPUT" with the byte offset, unless
        replace_invalid). Offsets are code points and bytes of the UTF-8 text."""
        lib = self._lib
        data = _utf8(text)
        if data is None:
            raise TypeError("text must be str or bytes")
        opts = _DocOptions()
        t = _utf8(title)
        if t is not None:
            opts.title, opts.title_len = t, len(t)
        opts.lang = _utf8(lang)
        opts.labels = _utf8(labels)
        opts.replace_invalid = 1 if replace_invalid else 0
        opts.html = 1 if html else 0
        err = _Error()
        res = ctypes.c_void_p()
        rc = lib.tg_tag_text(ctypes.byref(res), self._live(), self._scratch(), data, len(data),
                             ctypes.byref(opts), ctypes.byref(err))
        if rc != TG_OK:
            raise TaggerError._from(rc, err)
        out = ctypes.c_void_p()
        n = ctypes.c_size_t()
        try:
            rc = lib.tg_result_to_json(res, self._ptr, _utf8(id), ctypes.byref(out),
                                       ctypes.byref(n))
            if rc != TG_OK:
                raise TaggerError(rc, lib.tg_strerror(rc).decode())
            try:
                raw = ctypes.string_at(out, n.value)
            finally:
                lib._free(out)
        finally:
            lib.tg_result_free(res)
        return json.loads(raw.decode("utf-8"))

    def close(self):
        """Free the model and every thread's scratch. No tag call may be running."""
        with self._lock:
            for s in self._scratches:
                self._lib.tg_scratch_free(s)
            self._scratches = []
            self._local = threading.local()
            if self._ptr is not None:
                self._lib.tg_model_free(self._ptr)
                self._ptr = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    def _live(self):
        if self._ptr is None:
            raise ValueError("the model is closed")
        return self._ptr

    def _scratch(self):
        s = getattr(self._local, "scratch", None)
        if s is None:
            s = ctypes.c_void_p()
            err = _Error()
            rc = self._lib.tg_scratch_new(ctypes.byref(s), self._live(), ctypes.byref(err))
            if rc != TG_OK:
                raise TaggerError._from(rc, err)
            with self._lock:
                self._scratches.append(s)
            self._local.scratch = s
        return s


def _default_dir():
    """The model beside this file when there is one: python/ sits next to gazetteers/
    and rules/ both in the source tree and when installed under share/tagger/. Else
    None: the library's own default."""
    parent = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    if os.path.isdir(os.path.join(parent, "gazetteers")) and \
            os.path.isfile(os.path.join(parent, "rules", "topics.tsv")):
        return parent
    return None
