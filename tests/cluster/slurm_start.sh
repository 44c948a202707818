#!/bin/bash
# Starts a single-node Slurm on loopback (munged, slurmctld, slurmd) with all
# state in DIR, for tests/cluster/test_slurm_chain.py. Prints the SLURM_CONF
# path on success; exit 77 (skip) with a reason when Slurm cannot start.
# Stop it again with slurm_stop.sh DIR.
set -u
dir=${1:?usage: slurm_start.sh DIR}
skip() { echo "slurm_start: skip: $*" >&2; exit 77; }
for exe in slurmctld slurmd munged mungekey sbatch srun; do
  command -v "$exe" >/dev/null || [ -x "/usr/sbin/$exe" ] || skip "$exe not installed (scripts/setup-deps --with-slurm)"
done
PATH=$PATH:/usr/sbin
mkdir -p "$dir"/{spool,state,munge,log,run}
chmod 700 "$dir/munge"
host=$(hostname -s)
cpus=2
cat > "$dir/slurm.conf" <<CONF
ClusterName=boreas-test
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
SlurmctldPort=16817
SlurmdPort=16818
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/run/slurmctld.pid
SlurmdPidFile=$dir/run/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=pmix
ReturnToService=2
SchedulerType=sched/backfill
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
MinJobAge=300
KillWait=10
InactiveLimit=0
NodeName=$host NodeAddr=127.0.0.1 Sockets=1 CoresPerSocket=$cpus ThreadsPerCore=1 State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO
CONF
mungekey -c -f -k "$dir/munge/munge.key" >/dev/null 2>&1 || skip "mungekey failed"
munged -f --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" \
  --pid-file="$dir/run/munged.pid" --log-file="$dir/log/munged.log" --seed-file="$dir/munge/seed" \
  >/dev/null 2>&1 || skip "munged failed: $(tail -2 "$dir/log/munged.log" 2>/dev/null)"
export SLURM_CONF=$dir/slurm.conf
slurmctld -f "$SLURM_CONF" || skip "slurmctld failed: $(tail -3 "$dir/log/slurmctld.log")"
slurmd -f "$SLURM_CONF" || skip "slurmd failed: $(tail -3 "$dir/log/slurmd.log")"
for _ in $(seq 60); do
  state=$(sinfo -h -N -o %t 2>/dev/null | head -1)
  if [ "$state" = "idle" ]; then echo "$SLURM_CONF"; exit 0; fi
  sleep 0.5
done
skip "node did not become idle (state '${state:-none}'): $(tail -3 "$dir/log/slurmd.log")"
