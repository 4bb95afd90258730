# broker queue depths and the webhook backlog; the machine's load average and the hub's CPU
load "bench/load/common.gnuplot"
set multiplot layout 2,1
set title "broker queues and webhooks accepted but not yet processed"
set ylabel "messages"
plot dir."/metrics.csv" using 1:8 with lines lw 1.5 title "queue depth (all queues)", \
     "" using 1:9 with lines lw 1.5 title "dead letters", \
     "" using 1:10 with lines lw 1.5 title "webhook backlog"
set title "load average (1 min) and the hub's CPU"
set ylabel "load average"
set y2label "hub CPU (share of the machine)"
set y2tics
plot dir."/metrics.csv" using 1:11 with lines lw 1.5 title "load average", \
     "" using 1:12 axes x1y2 with lines lw 1.5 title "hub CPU"
unset multiplot
