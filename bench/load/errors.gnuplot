# answers a second per endpoint, and errors a second
load "bench/load/common.gnuplot"
set multiplot layout 2,1
set ylabel "answers/s"
set title "answers a second per endpoint"
plot for [i=2:8] dir."/rate.csv" using 1:i with lines lw 1.5 title columnheader(i)
set title "errors a second, every endpoint"
set ylabel "errors/s"
plot for [i=2:4] dir."/errors.csv" using 1:i with lines lw 1.5 title columnheader(i)
unset multiplot
