# hit ratio per cache, over the gets of each window
load "bench/load/common.gnuplot"
set terminal pngcairo size 1000,450 font ",10" noenhanced
set output out
set title "cache hit ratio per cache (gets in each window)"
set ylabel "hits / gets"
set yrange [0:1.05]
plot for [i=2:*] dir."/caches.csv" using 1:i with linespoints pt 7 ps 0.4 lw 1.5 title columnheader(i)
