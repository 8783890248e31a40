-module(export_all).
-compile(export_all).

f() -> ok.
