%% erl_parse -- parse_term/1 of OTP 25's `erl_parse`: tokens of one term
%% (ending with a dot token) -> {ok, Term} | {error, {Line, erl_parse, Msg}}.
%%
%% Written from scratch for ferl (the compiler has its own parser in Rust).
%% Terms: atoms, numbers (with a sign), chars, strings (adjacent ones
%% joined), lists with [H | T], tuples, maps #{K => V}, binaries
%% <<"..">> / <<1, 2>> / <<V:Size>>.  As on OTP, text that is an
%% expression but no term (a variable, an operator, a call) gives
%% "bad term"; anything else is "syntax error before: Token".
-module(erl_parse).

-export([parse_term/1, format_error/1]).

parse_term(Tokens) ->
    try expr(Tokens) of
        {T, [{dot, _}]} -> ok_term(T);
        {_, [Tok | _]} -> syntax_error(Tok, Tokens);
        {_, []} -> syntax_error(none, Tokens)
    catch throw:{syntax, Tok} -> syntax_error(Tok, Tokens)
    end.

format_error(Message) ->
    case io_lib:deep_char_list(Message) of
        true -> Message;
        false -> io_lib:write(Message)
    end.

ok_term(T) ->
    case bad(T) of
        true -> {error, {line_of_first(T), erl_parse, "bad term"}};
        false -> {ok, value(T)}
    end.

syntax_error(none, Tokens) ->
    L = case Tokens of
            [] -> 0;
            _ -> element(2, lists:last(Tokens))
        end,
    {error, {L, erl_parse, ["syntax error before: ", []]}};
syntax_error(Tok, _) ->
    {error, {element(2, Tok), erl_parse, ["syntax error before: ", tok_str(Tok)]}}.

tok_str({atom, _, A}) -> io_lib:write_atom(A);
tok_str({var, _, V}) -> atom_to_list(V);
tok_str({string, _, S}) -> io_lib:write_string(S);
tok_str({char, _, C}) -> io_lib:write_char(C);
tok_str({integer, _, N}) -> integer_to_list(N);
tok_str({float, _, F}) -> io_lib:write(F);
tok_str({dot, _}) -> "'.'";
tok_str({Sym, _}) -> io_lib:write_atom(Sym).

%%% The parse: an abstract value {val, Line, Term} (a term), or
%%% {bad, Line} (an expression that is not a term), with the rest of
%%% the tokens.

-define(BINOPS, ['+', '-', '*', '/', '++', '--', '==', '/=', '=<', '<', '>=',
                 '>', '=:=', '=/=', '!', '=', 'div', 'rem', 'band', 'bor',
                 'bxor', 'bsl', 'bsr', 'and', 'or', 'xor', 'andalso', 'orelse']).

expr(Toks) ->
    {T, Rest} = unary(Toks),
    binops(T, Rest).

binops(T, [{Op, L} | Rest] = Toks) ->
    case lists:member(Op, ?BINOPS) of
        true ->
            {_, Rest1} = unary(Rest),
            binops({bad, L}, Rest1);
        false -> {T, Toks}
    end;
binops(T, Toks) ->
    {T, Toks}.

unary([{'-', L} | Rest]) ->
    case unary(Rest) of
        {{val, _, N}, R} when is_number(N) -> {{val, L, -N}, R};
        {_, R} -> {{bad, L}, R}
    end;
unary([{'+', L} | Rest]) ->
    case unary(Rest) of
        {{val, _, N}, R} when is_number(N) -> {{val, L, N}, R};
        {_, R} -> {{bad, L}, R}
    end;
unary([{Op, L} | Rest]) when Op =:= 'not'; Op =:= 'bnot' ->
    {_, R} = unary(Rest),
    {{bad, L}, R};
unary([{Kw, L} | Rest]) when Kw =:= 'catch'; Kw =:= 'case'; Kw =:= 'begin';
                             Kw =:= 'if'; Kw =:= 'receive'; Kw =:= 'try' ->
    %% an expression keyword: what follows must start an expression (the
    %% rest of the construct is not checked: any such text is no term)
    {_, R} = expr(Rest),
    {{bad, L}, R};
unary(Toks) ->
    primary(Toks).

primary([{atom, L, A} | Rest]) ->
    case Rest of
        [{'(', _} | R] -> {{bad, L}, skip_args(R)};
        _ -> {{val, L, A}, Rest}
    end;
primary([{integer, L, N} | Rest]) -> {{val, L, N}, Rest};
primary([{float, L, F} | Rest]) -> {{val, L, F}, Rest};
primary([{char, L, C} | Rest]) -> {{val, L, C}, Rest};
primary([{string, L, S} | Rest]) -> strings(Rest, L, S);
primary([{var, L, _} | Rest]) -> {{bad, L}, Rest};
primary([{'(', _} | Rest]) ->
    case expr(Rest) of
        {T, [{')', _} | R]} -> {T, R};
        {_, R} -> throw({syntax, first(R)})
    end;
primary([{'{', L} | Rest]) ->
    {Es, R} = elements(Rest, '}'),
    {tuple_of(L, Es), R};
primary([{'[', L} | Rest]) ->
    list(Rest, L);
primary([{'#', L}, {'{', _} | Rest]) ->
    map(Rest, L, []);
primary([{'<<', L} | Rest]) ->
    binary(Rest, L);
primary([Tok | _]) ->
    throw({syntax, Tok});
primary([]) ->
    throw({syntax, none}).

first([T | _]) -> T;
first([]) -> none.

strings([{string, _, S} | Rest], L, Acc) -> strings(Rest, L, Acc ++ S);
strings(Rest, L, Acc) -> {{val, L, Acc}, Rest}.

%% The arguments of a call (only to find the closing parenthesis).
skip_args([{')', _} | R]) -> R;
skip_args(Toks) ->
    {_, R} = elements(Toks, ')'),
    R.

%% Comma-separated expressions up to Close.
elements([{Close, _} | R], Close) ->
    {[], R};
elements(Toks, Close) ->
    elements1(Toks, Close, []).

elements1(Toks, Close, Acc) ->
    {E, R} = expr(Toks),
    case R of
        [{',', _} | R1] -> elements1(R1, Close, [E | Acc]);
        [{Close, _} | R1] -> {lists:reverse([E | Acc]), R1};
        _ -> throw({syntax, first(R)})
    end.

tuple_of(L, Es) ->
    case lists:all(fun is_val/1, Es) of
        true -> {val, L, list_to_tuple([V || {val, _, V} <- Es])};
        false -> {bad, L}
    end.

is_val({val, _, _}) -> true;
is_val(_) -> false.

list([{']', L} | R], _) ->
    {{val, L, []}, R};
list(Toks, L) ->
    list1(Toks, L, []).

list1(Toks, L, Acc) ->
    {E, R} = expr(Toks),
    case R of
        [{',', _} | R1] -> list1(R1, L, [E | Acc]);
        [{']', _} | R1] -> {list_of(L, lists:reverse([E | Acc]), {val, L, []}), R1};
        [{'|', _} | R1] ->
            case expr(R1) of
                {Tail, [{']', _} | R2]} ->
                    {list_of(L, lists:reverse([E | Acc]), Tail), R2};
                {_, R2} -> throw({syntax, first(R2)})
            end;
        _ -> throw({syntax, first(R)})
    end.

list_of(L, Es, Tail) ->
    case lists:all(fun is_val/1, [Tail | Es]) of
        true ->
            {val, _, T} = Tail,
            {val, L, lists:foldr(fun({val, _, V}, Acc) -> [V | Acc] end, T, Es)};
        false -> {bad, L}
    end.

map([{'}', _} | R], L, Acc) ->
    {map_of(L, lists:reverse(Acc)), R};
map(Toks, L, Acc) ->
    {K, R} = expr(Toks),
    case R of
        [{Arrow, _} | R1] when Arrow =:= '=>'; Arrow =:= ':=' ->
            {V, R2} = expr(R1),
            Pair = case Arrow of
                       '=>' -> {K, V};
                       ':=' -> {{bad, 0}, V}
                   end,
            case R2 of
                [{',', _} | R3] -> map(R3, L, [Pair | Acc]);
                [{'}', _} | R3] -> {map_of(L, lists:reverse([Pair | Acc])), R3};
                _ -> throw({syntax, first(R2)})
            end;
        _ -> throw({syntax, first(R)})
    end.

map_of(L, Pairs) ->
    case lists:all(fun({K, V}) -> is_val(K) andalso is_val(V) end, Pairs) of
        true -> {val, L, maps:from_list([{K, V} || {{val, _, K}, {val, _, V}} <- Pairs])};
        false -> {bad, L}
    end.

binary([{'>>', L} | R], _) ->
    {{val, L, <<>>}, R};
binary(Toks, L) ->
    binary1(Toks, L, []).

binary1(Toks, L, Acc) ->
    {E, R} = unary(Toks),
    {Seg, R1} = segment(E, R),
    case R1 of
        [{',', _} | R2] -> binary1(R2, L, [Seg | Acc]);
        [{'>>', _} | R2] -> {binary_of(L, lists:reverse([Seg | Acc])), R2};
        _ -> throw({syntax, first(R1)})
    end.

%% An element with its optional :Size and /Type: {Value, Size, Types}.
segment(E, [{':', _} | R]) ->
    {S, R1} = primary(R),
    {{E1, _, Ts}, R2} = segment(E, R1),
    {{E1, S, Ts}, R2};
segment(E, [{'/', _} | R]) ->
    {Ts, R1} = types(R, []),
    {{E, default, Ts}, R1};
segment(E, R) ->
    {{E, default, []}, R}.

types([{atom, _, T} | R], Acc) ->
    case R of
        [{'-', _} | R1] -> types(R1, [T | Acc]);
        _ -> {lists:reverse([T | Acc]), R}
    end;
types(R, _) ->
    throw({syntax, first(R)}).

binary_of(L, Segs) ->
    Ok = lists:all(fun({E, S, _}) -> is_val(E) andalso (S =:= default orelse is_val(S)) end,
                   Segs),
    try
        true = Ok,
        {val, L, << <<(seg(V, S, Ts))/bitstring>> || {{val, _, V}, S, Ts} <- Segs >>}
    catch _:_ -> {bad, L}
    end.

seg(V, default, Ts) when is_list(V) ->
    << <<(seg(C, default, Ts))/bitstring>> || C <- V >>;
seg(V, default, Ts) ->
    case lists:member(utf8, Ts) of
        true -> <<V/utf8>>;
        false when is_integer(V) -> <<V:8>>;
        false when is_float(V) -> <<V/float>>;
        false when is_bitstring(V) -> V
    end;
seg(V, {val, _, Size}, Ts) when is_integer(V) ->
    case lists:member(little, Ts) of
        true -> <<V:Size/little>>;
        false -> <<V:Size>>
    end;
seg(V, {val, _, Size}, _Ts) when is_float(V) ->
    <<V:Size/float>>;
seg(V, {val, _, Size}, _Ts) when is_bitstring(V) ->
    <<V:Size/binary>>.

bad({bad, _}) -> true;
bad({val, _, _}) -> false.

line_of_first({_, L}) -> L;
line_of_first({_, L, _}) -> L.

value({val, _, V}) -> V.
