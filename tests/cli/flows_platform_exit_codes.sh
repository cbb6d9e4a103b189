#!/usr/bin/env bash
# Issue 11: `clustersim flows --platform/--scenario` end to end: a SimGrid platform simulates with
# host names, a scenario's fabric with its routing; bad input (malformed XML, unsupported element,
# unknown host, negative size, unsorted rows, no fabric given, bad routing) exits 2 with an error
# naming the line or field.
#   usage: flows_platform_exit_codes.sh CLUSTERSIM SOURCE_DIR
set -uo pipefail
clustersim=$1
platforms=$2/scenarios/platforms
source "$2/tests/cli/expect.sh"

# expect_flows CODE PATTERN ARGS...: `clustersim flows ARGS $work/flows.csv` exits with CODE, output has PATTERN.
expect_flows() {
  local code=$1 pattern=$2
  shift 2
  expect "$code" "$pattern" "$clustersim" flows "$@" "$work/flows.csv"
}

printf 'src,dst,bytes,start\nalice,carol,10 GB,0\ncarol,alice,10 GB,0\n' >"$work/flows.csv"
expect_flows 0 "alice,carol,10000000000,0,2.000051" --platform "$platforms/full-3-hosts.xml"
expect_flows 0 "routing table" --platform "$platforms/full-3-hosts.xml"

printf 'src,dst,bytes,start\nnode-0.example.org,node-5.example.org,1 GB,0\n' >"$work/flows.csv"
expect_flows 0 "routing dmodk" --platform "$platforms/fat-tree-16.xml"
expect_flows 0 "routing ecmp" --platform "$platforms/fat-tree-16.xml" --link-layer ethernet

# SimGrid's torus routing: t0 -> t2 and t1 -> t3 both go forward on their tie (distance 2 either
# way), so they share torus_link_from_1_to_2 UP; t3 -> t1 goes forward over the wrap-around and
# shares torus_link_from_0_to_1 UP with t0 -> t2: 6.25 GB/s each, 2 s + 2 x 0.5 us.
printf 'src,dst,bytes,start\nt0,t2,12.5 GB,0\nt1,t3,12.5 GB,0\nt3,t1,12.5 GB,0\n' >"$work/flows.csv"
expect_flows 0 "t3,t1,12500000000,0,2.000001," --platform "$platforms/torus-4x4.xml"
expect_flows 0 "routing table" --platform "$platforms/torus-4x4.xml"

# SimGrid's dragonfly wiring: df-0 -> df-8, df-1 -> df-9 and df-2 -> df-10 all leave group 0 by
# its blue link to group 1 (on router 1, 2 x 25 GB/s): 16.7 GB/s each; df-2 -> df-10 has 5 links
# of 1 us, one more than the others, and ends alone at 25 GB/s: 1.5000045 s (simgrid_platform_test.cpp).
printf 'src,dst,bytes,start\ndf-0,df-8,25 GB,0\ndf-1,df-9,25 GB,0\ndf-2,df-10,25 GB,0\n' >"$work/flows.csv"
expect_flows 0 "df-2,df-10,25000000000,0,1.5000045" --platform "$platforms/dragonfly-24.xml"
expect_flows 0 "df-0,df-8,25000000000,0,1.5000035," --platform "$platforms/dragonfly-24.xml"

# A scenario's fabric (kind simgrid-xml) with its own routing, or overridden.
scenario=$2/scenarios/enterprise1k-simgrid-fat-tree.json
printf 'src,dst,bytes,start\ngpu-0,gpu-40,1 GB,0\n' >"$work/flows.csv"
expect_flows 0 "routing dmodk" --scenario "$scenario"
expect_flows 0 "gpu-0,gpu-40,1000000000,0,0.020004" --scenario "$scenario"
expect_flows 0 "routing ecmp" --scenario "$scenario" --link-layer ethernet
expect_flows 0 "routing spray" --scenario "$scenario" --routing spray
expect_flows 2 "dragonfly_ugal needs a dragonfly fabric" --scenario "$scenario" --routing ugal
printf '{"name": "x"}\n' >"$work/bad.json"
expect_flows 2 "bad.json: architecture" --scenario "$work/bad.json"

printf '<?xml version="1.0"?>\n<platform version="4.1">\n<zone id="z" routing="Full">\n</platform>\n' >"$work/bad.xml"
expect_flows 2 "bad.xml:4: malformed XML" --platform "$work/bad.xml"
printf '<?xml version="1.0"?>\n<platform version="4.1">\n<zone id="z" routing="Full">\n<host id="a"/>\n<bypassRoute src="a" dst="a"/>\n</zone>\n</platform>\n' >"$work/bad.xml"
expect_flows 2 "bad.xml:5: unsupported element <bypassRoute>" --platform "$work/bad.xml"

printf 'src,dst,bytes,start\nnode-0.example.org,node-99,1 GB,0\n' >"$work/flows.csv"
expect_flows 2 "line 2, field 'dst': unknown host 'node-99'" --platform "$platforms/fat-tree-16.xml"
printf 'src,dst,bytes,start\n0,1,-5,0\n' >"$work/flows.csv"
expect_flows 2 "line 2, field 'bytes'" --platform "$platforms/fat-tree-16.xml"
printf 'src,dst,bytes,start\n0,1,5,1\n1,0,5,0\n' >"$work/flows.csv"
expect_flows 2 "line 3, field 'start'" --platform "$platforms/fat-tree-16.xml"
printf 'src,dst,bytes,start\n0,1,5,-1\n' >"$work/flows.csv"
expect_flows 2 "line 2, field 'start'" --platform "$platforms/fat-tree-16.xml"
printf 'src,dst,bytes,start\n0,1,5,0\n0,1,5,0\n' >"$work/flows.csv"
expect_flows 2 "line 3.*duplicate of line 2" --platform "$platforms/fat-tree-16.xml"
expect_flows 2 "exactly one of --topology, --platform and --scenario"
expect_flows 2 "unknown routing 'bogus'" --platform "$platforms/fat-tree-16.xml" --routing bogus

exit $((failures > 0))
