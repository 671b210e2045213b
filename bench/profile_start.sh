#!/bin/sh
# Benchmark-only helper: cProfile a program's start in tmux (80x24) until MARKER shows, then hang it up.
# usage: bench/profile_start.sh OUT.prof MARKER -- command...
out=$1; marker=$2; shift 3
sock=$(mktemp -u /tmp/growth-prof.XXXXXX)
tmux -S "$sock" -f /dev/null new-session -d -x 80 -y 24 "exec ${PYTHON:-python} -m cProfile -o $out $*"
for i in $(seq 1 2000); do
  tmux -S "$sock" capture-pane -p 2>/dev/null | grep -q "$marker" && break
  sleep 0.005
done
tmux -S "$sock" kill-server
sleep 1.5
