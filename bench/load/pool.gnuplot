# the hub's database pool: connections in use, idle, callers waiting; the wait and the timeouts
load "bench/load/common.gnuplot"
set multiplot layout 2,1
set title "database pool (hikaricp, pool switchboard)"
set ylabel "connections / waiting threads"
set offsets 0, 0, 1, 0
plot dir."/metrics.csv" using 1:2 with lines lw 1.5 title "active", \
     "" using 1:3 with lines lw 1.5 title "idle", \
     "" using 1:4 with lines lw 1.5 title "pending", \
     "" using 1:5 with lines lw 1 dt 2 title "max"
set offsets 0, 0, 0, 0
set title "mean wait for a connection (ms) and connection timeouts a second"
set ylabel "ms"
set y2label "timeouts/s"
set y2tics
plot dir."/metrics.csv" using 1:7 with lines lw 1.5 title "acquire ms", \
     "" using 1:6 axes x1y2 with lines lw 1.5 title "timeouts/s"
unset multiplot
