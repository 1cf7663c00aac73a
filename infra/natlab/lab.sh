#!/usr/bin/env bash
# NAT lab: real topologies in network namespaces (all named pl-*), see README.md for the drawings.
#   lab.sh up TOPOLOGY [--delay MS] [--loss PERCENT]    build it (tears down any previous lab first)
#   lab.sh down                                       remove every pl-* namespace and helper process
#   lab.sh block-udp ROUTER                           drop every UDP packet ROUTER forwards from now on
#                                                     (a direct path dying under a live link)
#   lab.sh list                                       print the topology names
# Only lab addresses are used: 203.0.113.0/24 (public), 100.64.0.0/24 (carrier), 192.168.1-2.0/24 (homes),
# and no namespace is linked to the host's own network, so no lab packet can leave the machine.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE=/run/parley-natlab
TOPOLOGIES="open cone-cone fullcone-symmetric cone-symmetric symmetric-symmetric cgnat hairpin udp-blocked"
SERVER_IP=203.0.113.10

die() { echo "lab.sh: $*" >&2; exit 1; }

need_root() { [ "$(id -u)" = 0 ] || die "needs root (network namespaces and iptables); run as root"; }

ensure_tools() {
    local missing=()
    command -v ip >/dev/null || missing+=(iproute2)
    command -v iptables >/dev/null || missing+=(iptables)
    command -v gcc >/dev/null || missing+=(gcc)
    [ -f /usr/include/libnetfilter_queue/libnetfilter_queue.h ] || missing+=(libnetfilter-queue-dev)
    if [ ${#missing[@]} -gt 0 ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

nfq_delay_bin() {
    local bin="$STATE/nfq-delay"
    mkdir -p "$STATE"
    if [ ! -x "$bin" ] || [ "$HERE/nfq-delay.c" -nt "$bin" ]; then
        gcc -O2 -Wall -o "$bin" "$HERE/nfq-delay.c" -lnetfilter_queue || die "cannot compile nfq-delay.c"
    fi
    echo "$bin"
}

ns() { ip netns add "$1"; ip -n "$1" link set lo up; }
x() { local n=$1; shift; ip netns exec "$n" "$@"; }

# switch NS BRIDGE: a namespace holding one bridge that hosts attach to.
switch() { ns "$1"; x "$1" ip link add "$2" type bridge; x "$1" ip link set "$2" up; }

# plug HOST_NS IF SWITCH_NS BRIDGE ADDR/LEN [GATEWAY]
plug() {
    local host=$1 ifname=$2 sw=$3 br=$4 addr=$5 gw=${6:-}
    local peer="p$RANDOM$RANDOM"
    ip link add "$ifname" netns "$host" type veth peer name "$peer" netns "$sw"
    x "$sw" ip link set "$peer" master "$br" up
    x "$host" ip addr add "$addr" dev "$ifname"
    x "$host" ip link set "$ifname" up
    [ -z "$gw" ] || x "$host" ip route add default via "$gw"
}

# link A_NS A_IF A_ADDR B_NS B_IF B_ADDR: a point-to-point veth (router LAN to one peer).
link() {
    ip link add "$2" netns "$1" type veth peer name "$5" netns "$4"
    x "$1" ip addr add "$3" dev "$2"; x "$1" ip link set "$2" up
    x "$4" ip addr add "$6" dev "$5"; x "$4" ip link set "$5" up
}

# router NS: forwarding on, unsolicited inbound on the WAN dropped (INPUT and FORWARD, conntrack NEW),
# except packets a DNAT rule (full cone, hairpin) deliberately let in.
router() {
    x "$1" sysctl -qw net.ipv4.ip_forward=1
    x "$1" iptables -A INPUT -i wan -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
    x "$1" iptables -A INPUT -i wan -m conntrack --ctstate NEW -j DROP
    x "$1" iptables -A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
    x "$1" iptables -A FORWARD -i wan -m conntrack --ctstate DNAT -j ACCEPT
    x "$1" iptables -A FORWARD -i wan -m conntrack --ctstate NEW -j DROP
}

# nat NS KIND [LAN_HOST]: cone = MASQUERADE (port-preserving, endpoint-independent mapping,
# address-and-port-dependent filtering); symmetric = MASQUERADE --random-fully (new port per destination);
# fullcone = cone plus DNAT of every inbound UDP port to LAN_HOST.
nat() {
    case "$2" in
        cone) x "$1" iptables -t nat -A POSTROUTING -o wan -j MASQUERADE ;;
        symmetric) x "$1" iptables -t nat -A POSTROUTING -o wan -j MASQUERADE --random-fully ;;
        fullcone)
            x "$1" iptables -t nat -A POSTROUTING -o wan -j MASQUERADE
            x "$1" iptables -t nat -A PREROUTING -i wan -p udp -j DNAT --to-destination "$3" ;;
        *) die "unknown NAT kind $2" ;;
    esac
}

# Peer port ranges make every NAT's port-preserving mappings predictable, which is what lets the
# hairpin and CGN routers send a hairpinned packet to the right subscriber (RFC 7422 style).
port_range() { x "$1" sysctl -qw net.ipv4.ip_local_port_range="$2 $3"; }

# hairpin NS LAN_IF PUBLIC_IP SUBNET HOST_A HOST_B: packets from inside to PUBLIC_IP:port go back inside
# to the subscriber owning that port range, sourced from PUBLIC_IP so replies return through the NAT.
hairpin() {
    local r=$1 lanif=$2 pub=$3 subnet=$4 a=$5 b=$6
    x "$r" iptables -t nat -A PREROUTING -i "$lanif" -d "$pub" -p udp --dport 20000:29999 -j DNAT --to-destination "$a"
    x "$r" iptables -t nat -A PREROUTING -i "$lanif" -d "$pub" -p udp --dport 30000:39999 -j DNAT --to-destination "$b"
    x "$r" iptables -t nat -A POSTROUTING -o "$lanif" -s "$subnet" -m conntrack --ctstate DNAT -j SNAT --to-source "$pub"
}

impair() {
    local r=$1 delay=$2 loss=$3 q=$4
    if [ "$loss" != 0 ]; then
        local p; p=$(awk "BEGIN{printf \"%.4f\", $loss/100}")
        x "$r" iptables -t mangle -A FORWARD -m statistic --mode random --probability "$p" -j DROP
    fi
    if [ "$delay" != 0 ]; then
        x "$r" iptables -t mangle -A FORWARD -o wan -j NFQUEUE --queue-num "$q"
        local bin; bin=$(nfq_delay_bin)
        ip netns exec "$r" "$bin" "$q" "$delay" >"$STATE/nfq-$r.log" 2>&1 &
        echo $! >>"$STATE/pids"
    fi
}

public_segment() {
    switch pl-inet br0
    ns pl-srv
    plug pl-srv eth0 pl-inet br0 $SERVER_IP/24
}

home() { # home ROUTER PEER N WAN_SWITCH WAN_BRIDGE WAN_ADDR WAN_GW KIND
    local r=$1 p=$2 n=$3 sw=$4 br=$5 wan=$6 gw=$7 kind=$8
    ns "$r"; ns "$p"
    plug "$r" wan "$sw" "$br" "$wan" "$gw"
    link "$r" lan 192.168.$n.1/24 "$p" eth0 192.168.$n.10/24
    x "$p" ip route add default via 192.168.$n.1
    router "$r"
    nat "$r" "$kind" 192.168.$n.10
}

up() {
    local topo=$1 delay=0 loss=0
    shift
    while [ $# -gt 0 ]; do
        case "$1" in
            --delay) delay=$2; shift 2 ;;
            --loss) loss=$2; shift 2 ;;
            *) die "unknown option $1" ;;
        esac
    done
    need_root
    ensure_tools
    down
    mkdir -p "$STATE"
    : >"$STATE/pids"
    public_segment
    case "$topo" in
        open)
            ns pl-a; ns pl-b
            plug pl-a eth0 pl-inet br0 203.0.113.21/24
            plug pl-b eth0 pl-inet br0 203.0.113.22/24 ;;
        cone-cone|fullcone-symmetric|cone-symmetric|symmetric-symmetric|udp-blocked)
            local ka=cone kb=cone
            case "$topo" in
                fullcone-symmetric) ka=fullcone; kb=symmetric ;;
                cone-symmetric) kb=symmetric ;;
                symmetric-symmetric) ka=symmetric; kb=symmetric ;;
            esac
            home pl-ra pl-a 1 pl-inet br0 203.0.113.1/24 "" $ka
            home pl-rb pl-b 2 pl-inet br0 203.0.113.2/24 "" $kb
            if [ "$topo" = udp-blocked ]; then
                x pl-ra iptables -I FORWARD 1 -p udp -j DROP
            fi ;;
        hairpin)
            ns pl-ra; ns pl-a; ns pl-b
            plug pl-ra wan pl-inet br0 203.0.113.1/24
            x pl-ra ip link add lanbr type bridge; x pl-ra ip link set lanbr up
            x pl-ra ip addr add 192.168.1.1/24 dev lanbr
            plug pl-a eth0 pl-ra lanbr 192.168.1.10/24 192.168.1.1
            plug pl-b eth0 pl-ra lanbr 192.168.1.11/24 192.168.1.1
            port_range pl-a 20000 29999; port_range pl-b 30000 39999
            router pl-ra; nat pl-ra cone
            hairpin pl-ra lanbr 203.0.113.1 192.168.1.0/24 192.168.1.10 192.168.1.11 ;;
        cgnat)
            ns pl-cgn
            plug pl-cgn wan pl-inet br0 203.0.113.1/24
            x pl-cgn ip link add cgnbr type bridge; x pl-cgn ip link set cgnbr up
            x pl-cgn ip addr add 100.64.0.1/24 dev cgnbr
            home pl-ra pl-a 1 pl-cgn cgnbr 100.64.0.2/24 100.64.0.1 cone
            home pl-rb pl-b 2 pl-cgn cgnbr 100.64.0.3/24 100.64.0.1 cone
            port_range pl-a 20000 29999; port_range pl-b 30000 39999
            router pl-cgn; nat pl-cgn cone
            hairpin pl-cgn cgnbr 203.0.113.1 100.64.0.0/24 100.64.0.2 100.64.0.3 ;;
        *) die "unknown topology '$topo'; one of: $TOPOLOGIES" ;;
    esac
    if [ "$delay" != 0 ] || [ "$loss" != 0 ]; then
        local routers; routers=$(ip netns list | awk '{print $1}' | grep -E '^pl-r[ab]$' || true)
        [ -n "$routers" ] || die "--delay/--loss need a topology with home routers (not open)"
        local q=0
        for r in $routers; do impair "$r" "$delay" "$loss" $q; q=$((q + 1)); done
    fi
    echo "$topo delay=${delay}ms loss=${loss}%" >"$STATE/topology"
    echo "lab up: $topo (delay ${delay} ms, loss ${loss}%), server $SERVER_IP"
}

# block_udp ROUTER: insert a drop of all forwarded UDP ahead of the conntrack accept, so flows that
# are already established die too (udp-blocked uses the same rule from the start).
block_udp() {
    ip netns list | awk '{print $1}' | grep -qx "$1" || die "no namespace '$1'; is a lab up? (lab.sh up TOPOLOGY)"
    case "$1" in pl-ra|pl-rb|pl-cgn) ;; *) die "block-udp takes a router namespace (pl-ra, pl-rb, pl-cgn), got '$1'" ;; esac
    x "$1" iptables -I FORWARD 1 -p udp -j DROP
    echo "UDP through $1 blocked"
}

down() {
    if [ -f "$STATE/pids" ]; then
        while read -r pid; do kill "$pid" 2>/dev/null || true; done <"$STATE/pids"
        rm -f "$STATE/pids"
    fi
    for n in $(ip netns list 2>/dev/null | awk '{print $1}' | grep '^pl-' || true); do
        ip netns pids "$n" 2>/dev/null | xargs -r kill 2>/dev/null || true
        ip netns del "$n"
    done
    rm -f "$STATE/topology"
}

case "${1:-}" in
    up) shift; [ $# -ge 1 ] || die "usage: lab.sh up TOPOLOGY [--delay MS] [--loss PERCENT]"; up "$@" ;;
    down) need_root; down ;;
    block-udp) shift; [ $# -eq 1 ] || die "usage: lab.sh block-udp ROUTER"; need_root; block_udp "$1" ;;
    list) echo "$TOPOLOGIES" ;;
    *) die "usage: lab.sh up TOPOLOGY [--delay MS] [--loss PERCENT] | block-udp ROUTER | down | list" ;;
esac
