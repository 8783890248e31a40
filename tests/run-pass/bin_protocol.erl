%% A binary protocol end to end: build and parse an IPv4 + UDP packet with the bit
%% syntax (4-bit fields, flags, checksums computed over 16-bit words, payload sizes taken
%% from header fields).
-module(bin_protocol).
-export([main/1]).

checksum(Bin) -> checksum(Bin, 0).
checksum(<<W:16, Rest/binary>>, Acc) -> checksum(Rest, Acc + W);
checksum(<<B:8>>, Acc) -> checksum(<<>>, Acc + (B bsl 8));
checksum(<<>>, Acc) ->
    Folded = (Acc band 16#FFFF) + (Acc bsr 16),
    Folded2 = (Folded band 16#FFFF) + (Folded bsr 16),
    bnot Folded2 band 16#FFFF.

udp(SrcPort, DstPort, Payload) ->
    Len = 8 + byte_size(Payload),
    <<SrcPort:16, DstPort:16, Len:16, 0:16, Payload/binary>>.

ipv4(Src, Dst, Proto, Body) ->
    Total = 20 + byte_size(Body),
    H0 = <<4:4, 5:4, 0:8, Total:16, 16#1234:16, 0:1, 1:1, 0:1, 0:13, 64:8, Proto:8, 0:16,
           (ip(Src))/binary, (ip(Dst))/binary>>,
    <<Before:10/binary, _:16, After/binary>> = H0,
    <<Before/binary, (checksum(H0)):16, After/binary, Body/binary>>.

ip({A, B, C, D}) -> <<A, B, C, D>>.

parse(<<4:4, IHL:4, _Tos:8, Total:16, Id:16, _:1, DF:1, MF:1, Frag:13, TTL:8, Proto:8,
        Sum:16, S1, S2, S3, S4, D1, D2, D3, D4, Rest/binary>> = Packet) ->
    OptLen = (IHL - 5) * 4,
    BodyLen = Total - IHL * 4,
    <<_Opts:OptLen/binary, Body:BodyLen/binary, _/binary>> = Rest,
    <<Header:20/binary, _/binary>> = Packet,
    #{id => Id, df => DF, mf => MF, frag => Frag, ttl => TTL, proto => Proto,
      src => {S1, S2, S3, S4}, dst => {D1, D2, D3, D4}, sum_ok => checksum(Header) =:= 0,
      sum => Sum, body => parse_udp(Proto, Body)};
parse(_) -> invalid.

parse_udp(17, <<Src:16, Dst:16, Len:16, _Sum:16, Rest/binary>>) ->
    PLen = Len - 8,
    <<Payload:PLen/binary>> = Rest,
    {udp, Src, Dst, Payload};
parse_udp(P, B) -> {other, P, B}.

main(_) ->
    Pkt = ipv4({192, 168, 1, 10}, {10, 0, 0, 1}, 17, udp(5353, 53, <<"query example.com">>)),
    io:format("~w~n", [Pkt]),
    #{src := Src, dst := Dst, ttl := TTL, df := DF, sum_ok := Ok, body := Body} = parse(Pkt),
    io:format("~p ~p ~p ~p ~p~n~p~n", [Src, Dst, TTL, DF, Ok, Body]),
    <<Head:12/binary, _:8, Tail/binary>> = Pkt,
    Corrupt = <<Head/binary, 99, Tail/binary>>,
    #{sum_ok := Ok2} = parse(Corrupt),
    io:format("~p~n", [Ok2]),
    io:format("~p~n", [parse(<<6:4, 0:4>>)]),
    io:format("~p~n", [checksum(<<1, 2, 3>>)]).
