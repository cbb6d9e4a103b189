# A private single-node Slurm cluster for the live tests: sourced by the test scripts, never run alone.
#   start_live_cluster DIR   starts munged (as the munge user), slurmctld and slurmd with every path,
#                            port and key under DIR, waits (bounded) until the node is idle, and
#                            exports SLURM_CONF. On a machine where it cannot start, it exits with
#                            SKIP_CODE (77, CTest SKIP_RETURN_CODE) and says why.
#   stop_live_cluster        stops exactly the daemons it started, by their pids; the caller sets
#                            `trap 'stop_live_cluster; ...' EXIT` before starting.
#   begin_live_sweep_test CLUSTERSIM SWEEP
#                            the common start of a live sweep test: a work directory in $work,
#                            removed at exit after the daemons stop (the trap is set here, in the
#                            sourcing shell, before anything starts), the cluster started, and the
#                            unsharded local reference run of SWEEP in $work/local.
# Each daemon runs under `timeout` so that none outlives a test that is itself killed.
# Nothing here touches a system munge or Slurm: their configuration, sockets and ports stay unused.
# Addresses are given as 127.0.0.1, so the host name need not resolve (a fresh chroot may not know it).
SKIP_CODE=77
LIVE_CLUSTER_LIFETIME_S=${LIVE_CLUSTER_LIFETIME_S:-900}
live_cluster_pids=()

skip_live() { echo "SKIPPED: live Slurm cluster unavailable: $*"; exit "$SKIP_CODE"; }

# Ports nobody listens on (TCP, IPv4 or IPv6), read from /proc/net/tcp*: no tool needed.
free_ports() {
  local wanted=$1 port found=() local_address state
  declare -A listening=()
  while read -r _ local_address _ state _; do
    [[ "$state" == 0A ]] && listening[$((16#${local_address##*:}))]=1
  done < <(cat /proc/net/tcp /proc/net/tcp6 2>/dev/null)
  for ((port = 20000 + RANDOM % 20000; ${#found[@]} < wanted; port++)); do
    [[ -n "${listening[$port]:-}" ]] || found+=("$port")
  done
  echo "${found[@]}"
}

wait_for() {  # wait_for SECONDS DESCRIPTION COMMAND...: poll every $LIVE_POLL_S (0.2 s), fail after SECONDS
  local limit=$1 what=$2 deadline
  shift 2
  deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep "${LIVE_POLL_S:-0.2}"
  done
}

stop_live_cluster() {
  local pid
  for ((i = ${#live_cluster_pids[@]} - 1; i >= 0; i--)); do
    pid=${live_cluster_pids[i]}
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${live_cluster_pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  live_cluster_pids=()
}

start_live_cluster() {
  local dir=$1 tool host cpus memory_mb ports
  for tool in munged mungekey slurmctld slurmd sbatch scontrol sinfo scancel runuser timeout; do
    command -v "$tool" >/dev/null || skip_live "$tool is not installed (scripts/setup.sh installs munge, slurmctld, slurmd, slurm-client)"
  done
  id munge >/dev/null 2>&1 || skip_live "no munge user (the munge package creates it)"
  [[ $(id -u) -eq 0 ]] || skip_live "the daemons must start as root (SlurmUser=root, munged as munge)"
  host=$(uname -n)
  host=${host%%.*}  # what `hostname -s` prints; slurmd finds its NodeName by it
  [[ -n "$host" ]] || skip_live "empty host name"
  cpus=$(nproc)
  memory_mb=$(awk '/^MemTotal:/ { print int($2 / 1024 / 2) }' /proc/meminfo)
  read -r ctld_port slurmd_port <<<"$(free_ports 2)"

  mkdir -p "$dir"
  chmod 0711 "$dir" "$(dirname "$dir")"  # the munge user must reach its own subdirectory
  mkdir -p "$dir/munge" "$dir/state" "$dir/spool"
  chown munge:munge "$dir/munge"
  chmod 0700 "$dir/munge"
  runuser -u munge -- mungekey --create --keyfile "$dir/munge/munge.key" >/dev/null 2>&1 ||
    skip_live "mungekey cannot create a key"
  timeout "$LIVE_CLUSTER_LIFETIME_S" runuser -u munge -- munged --foreground --force \
    --socket "$dir/munge/munge.socket" --key-file "$dir/munge/munge.key" --pid-file "$dir/munge/munged.pid" \
    --log-file "$dir/munge/munged.log" --seed-file "$dir/munge/munged.seed" >"$dir/munge/stdout.log" 2>&1 &
  live_cluster_pids+=($!)
  wait_for 10 munged test -S "$dir/munge/munge.socket" || skip_live "munged did not start: $(tail -n 3 "$dir/munge/munged.log" "$dir/munge/stdout.log" 2>/dev/null)"

  cat >"$dir/slurm.conf" <<CONF
ClusterName=clustersimtest
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
MpiDefault=none
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
ReturnToService=2
MinJobAge=600
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory_mb State=UNKNOWN
PartitionName=main Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
  # slurmd loads a cgroup plugin even with proctrack/linuxproc and task/none; autodetection needs
  # /sys/fs/cgroup mounted, which a chroot may lack. cgroup/v1 starts without it and is never used here.
  echo "CgroupPlugin=cgroup/v1" >"$dir/cgroup.conf"
  export SLURM_CONF=$dir/slurm.conf
  timeout "$LIVE_CLUSTER_LIFETIME_S" slurmctld -D -i >"$dir/slurmctld.stdout" 2>&1 &
  live_cluster_pids+=($!)
  timeout "$LIVE_CLUSTER_LIFETIME_S" slurmd -D >"$dir/slurmd.stdout" 2>&1 &
  live_cluster_pids+=($!)
  node_idle() { [[ "$(sinfo -h -N -n "$host" -o %t)" == idle ]]; }
  wait_for 30 "node idle" node_idle ||
    skip_live "the node did not become idle within 30 s: $(tail -n 3 "$dir/slurmctld.log" "$dir/slurmd.log" 2>/dev/null)"
}

fail() { echo "FAILED: $*"; exit 1; }

begin_live_sweep_test() {
  local clustersim=$1 sweep=$2
  work=$(mktemp -d)
  trap 'stop_live_cluster; rm -rf "$work"' EXIT
  start_live_cluster "$work/cluster"
  timeout 300 "$clustersim" sweep "$sweep" --threads 2 --out "$work/local" >/dev/null 2>&1 ||
    fail "the local run failed or took over 300 s"
}
