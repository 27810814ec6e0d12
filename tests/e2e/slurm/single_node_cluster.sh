#!/usr/bin/env bash
# A real Slurm cluster of one node, this machine, for tests/e2e/slurm_test.cc:
#
#   single_node_cluster.sh start [--owner PID]
#       prints "cluster: DIR" and "SLURM_CONF=DIR/slurm.conf"; with --owner, the cluster is
#       also stopped within a second of process PID ending (a test killed before its
#       teardown leaves nothing running)
#   single_node_cluster.sh stop DIR
#       cancels its jobs, stops its daemons, removes DIR
#
# Everything lives in DIR (a new folder under the temp folder): a munge key and munged on
# its own socket, slurm.conf, the controller's state, slurmd's spool, pid and log files.
# Clients find the cluster by SLURM_CONF=DIR/slurm.conf; nothing of the machine's own Slurm
# or munge configuration (/etc/slurm, /etc/munge, /run/munge) is read or changed, and no
# systemd is needed (CI machines may be containers). Needs root (slurmd starts jobs as their
# user) and Debian's slurm-wlm and munge (scripts/setup installs them).
#
# The settings are the simplest that run real sbatch job arrays and dependencies anywhere:
#   ProctrackType=proctrack/linuxproc, TaskPlugin=task/none: no cgroup plugins, which need a
#     cgroup hierarchy slurmd may write (not so in every container);
#   JobAcctGatherType=jobacct_gather/none, AccountingStorageType=accounting_storage/none:
#     no slurmdbd (job states come from scontrol while the controller keeps them);
#   SchedulerType=sched/builtin: jobs start in order the moment they can, no backfill pass;
#   SelectType=select/cons_tres with CR_CPU: the CPUs `slurmd -C` reports, shared by jobs
#     (memory is not a consumed resource, so no job needs --mem);
#   SlurmctldHost and NodeAddr 127.0.0.1: no name lookup; ports chosen free here, so a
#     Slurm already running on the machine is left alone;
#   AuthInfo=socket=DIR/munge/munge.socket: auth/munge and cred/munge talk to this munged.
set -euo pipefail

die() {
  echo "single_node_cluster: $*" >&2
  exit 2
}

# A TCP port on 127.0.0.1 nobody listens on, from the dynamic range.
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  die "no free TCP port found"
}

# Whether process $1 runs and is one of this cluster's daemons (its command line names the
# cluster's folder $2): a pid file outliving its daemon never gets another process killed.
# A zombie does not run.
cluster_process() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [ "${stat%% *}" != Z ] || return 1
  tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF "$2"
}

stop() {
  local dir=$1
  [ -d "$dir/munge" ] || die "$dir: not a cluster folder of this script (no munge/)"
  export SLURM_CONF=$dir/slurm.conf
  set +e
  if [ -f "$dir/slurm.conf" ] && [ -f "$dir/slurmctld.pid" ]; then
    # Jobs first, while slurmd still runs to end their processes.
    local jobs
    jobs=$(squeue -h -o %A 2>/dev/null)
    if [ -n "$jobs" ]; then
      scancel $jobs 2>/dev/null
      for _ in $(seq 1 100); do
        [ -z "$(squeue -h -o %A 2>/dev/null)" ] && break
        sleep 0.1
      done
    fi
  fi
  local name pid
  for name in slurmd slurmctld munged; do
    local file=$dir/$name.pid
    [ "$name" = munged ] && file=$dir/munge/munged.pid
    [ -f "$file" ] || continue
    pid=$(cat "$file")
    cluster_process "$pid" "$dir" || continue
    kill "$pid" 2>/dev/null
    for _ in $(seq 1 100); do
      cluster_process "$pid" "$dir" || break
      sleep 0.1
    done
    cluster_process "$pid" "$dir" && kill -KILL "$pid" 2>/dev/null
  done
  rm -rf "$dir"
  set -e
}

starting=""  # the folder of a cluster being started, until it runs

abandon_start() {
  local status=$?
  set +e
  if [ "$status" -ne 0 ] && [ -n "$starting" ]; then
    tail -n 20 "$starting"/log/*.log "$starting"/munge/munged.log >&2 2>/dev/null
    stop "$starting"
  fi
  exit "$status"
}

start() {
  local owner=$1
  [ "$(id -u)" -eq 0 ] || die "needs root: slurmd starts each job as its user"
  local command
  for command in munged munge slurmctld slurmd sbatch squeue sinfo scontrol; do
    command -v "$command" >/dev/null ||
      die "$command not found: install Debian's slurm-wlm and munge (./scripts/setup)"
  done
  local dir
  dir=$(mktemp -d "${TMPDIR:-/tmp}/grader-slurm-XXXXXX")
  # From here on a failure shows the daemons' logs and tears down what was started.
  starting=$dir
  trap abandon_start EXIT
  # munged wants every folder above its socket searchable by all, and its key private.
  chmod 711 "$dir"
  mkdir -p "$dir/munge" "$dir/state" "$dir/spool" "$dir/log"
  chmod 755 "$dir/munge"
  head -c 1024 /dev/urandom >"$dir/munge/munge.key"
  chmod 600 "$dir/munge/munge.key"
  munged --socket="$dir/munge/munge.socket" --key-file="$dir/munge/munge.key" \
    --pid-file="$dir/munge/munged.pid" --log-file="$dir/munge/munged.log" \
    --seed-file="$dir/munge/munged.seed" || die "munged did not start"
  munge -S "$dir/munge/munge.socket" -n | unmunge -S "$dir/munge/munge.socket" >/dev/null ||
    die "munge cannot encode and decode a credential"

  local host cpus memory
  host=$(hostname -s)
  # slurmd -C: "NodeName=vm CPUs=2 Boards=1 ... RealMemory=24105".
  read -r cpus memory < <(slurmd -C | awk '/^NodeName=/ {
    for (i = 1; i <= NF; i++) { split($i, kv, "="); value[kv[1]] = kv[2] }
    print value["CPUs"], value["RealMemory"] }') || true
  [ -n "$cpus" ] && [ -n "$memory" ] || die "slurmd -C did not print CPUs and RealMemory"
  local controller_port node_port
  controller_port=$(free_port)
  node_port=$(free_port)
  while [ "$node_port" = "$controller_port" ]; do node_port=$(free_port); done
  : >"$dir/plugstack.conf"  # no SPANK plugins (not /etc/slurm/plugstack.conf)
  cat >"$dir/slurm.conf" <<CONF
ClusterName=grader-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$controller_port
SlurmdPort=$node_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
PlugStackConfig=$dir/plugstack.conf
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
MinJobAge=600
MailProg=/bin/true
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=grading Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF=$dir/slurm.conf
  slurmctld -f "$SLURM_CONF" || die "slurmctld did not start"
  slurmd -f "$SLURM_CONF" || die "slurmd did not start"
  local state=""
  for _ in $(seq 1 300); do
    state=$(sinfo -h -n "$host" -o %T 2>/dev/null || true)
    [ "$state" = idle ] && break
    sleep 0.1
  done
  [ "$state" = idle ] || die "node $host is '${state:-not listed}', not idle, after 30 s"
  trap - EXIT
  starting=""
  if [ -n "$owner" ]; then
    setsid bash -c 'while kill -0 "$1" 2>/dev/null && [ -d "$2" ]; do sleep 1; done
                    if [ -d "$2" ]; then exec "$3" stop "$2"; fi' \
      watch-owner "$owner" "$dir" "$(realpath "$0")" </dev/null >/dev/null 2>&1 &
  fi
  echo "cluster: $dir"
  echo "SLURM_CONF=$SLURM_CONF"
}

case "${1:-}" in
  start)
    if [ $# -eq 1 ]; then
      start ""
    elif [ $# -eq 3 ] && [ "$2" = --owner ]; then
      start "$3"
    else
      die "usage: $0 start [--owner PID]"
    fi ;;
  stop) [ $# -eq 2 ] || die "usage: $0 stop DIR"; stop "$2" ;;
  *) die "usage: $0 start [--owner PID] | stop DIR" ;;
esac
