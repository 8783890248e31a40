-module(eu_none).
-include_lib("eunit/include/eunit.hrl").
-export([helper/0]).

helper() -> ok.
