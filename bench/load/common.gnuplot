# Shared by the load report's plots: PNG output, CSV input, the phases as vertical lines (phases.gp, written by
# the load driver). Called with -e "dir='<run directory>'; out='<png>'".
set terminal pngcairo size 1000,800 font ",10" noenhanced
set output out
set datafile separator ","
set datafile missing "NaN"
set key outside right top
set grid
set xlabel "s"
load dir."/phases.gp"
