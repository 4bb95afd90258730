# p50, p95 and p99 per endpoint over time (log scale)
load "bench/load/common.gnuplot"
set multiplot layout 3,1
set logscale y
set ylabel "ms"
do for [q in "50 95 99"] {
  set title "p".q." per endpoint (latency from when the request was due)"
  plot for [i=2:8] dir."/p".q.".csv" using 1:i with lines lw 1.5 title columnheader(i)
}
unset multiplot
