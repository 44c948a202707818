#!/bin/bash
# Stops what slurm_start.sh DIR started (by the pids it recorded).
dir=${1:?usage: slurm_stop.sh DIR}
for d in slurmd slurmctld munged; do
  f="$dir/run/$d.pid"
  [ -s "$f" ] && kill "$(cat "$f")" 2>/dev/null
done
sleep 1
for d in slurmd slurmctld munged; do
  f="$dir/run/$d.pid"
  [ -s "$f" ] && kill -9 "$(cat "$f")" 2>/dev/null
done
exit 0
