# The baseline of bench/ChartBench.java: R survival's base-graphics Kaplan-Meier plot of the same
# cohort file, drawn to a 7 x 6 in PNG at 150 dpi, warm (after one warm-up plot).
# Usage: Rscript bench/km_plot_r.R IN.csv REPS OUT.png
# Times `png(); plot(survfit(...)); dev.off()` with the fit made beforehand (as the Java side
# times figure + PNG from a finished analysis), and, separately, survfit itself.
suppressPackageStartupMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 3) stop("usage: km_plot_r.R IN.csv REPS OUT.png")
d <- read.csv(args[1])
reps <- as.integer(args[2])
out <- args[3]
fit <- survfit(Surv(os_months, os_event) ~ arm, data = d)

draw <- function() {
  png(out, width = 7, height = 6, units = "in", res = 150)
  plot(fit, col = c("#0072B2", "#D55E00", "#009E73"), lwd = 1.5, mark.time = TRUE,
       xlab = "Months", ylab = "Overall survival")
  invisible(dev.off())
}
median_of <- function(f) {
  f()
  times <- vapply(seq_len(reps), function(i) system.time(f())[["elapsed"]], 0)
  c(median = median(times), min = min(times), max = max(times))
}
report <- function(label, t) {
  cat(sprintf("%-12s %8.3f ms  (runs %d, min %.3f, max %.3f)\n", label, t[["median"]] * 1000,
              reps, t[["min"]] * 1000, t[["max"]] * 1000))
}
cat(sprintf("patients %d, %s, png() type %s\n", nrow(d), R.version.string,
            getOption("bitmapType")))
report("r.plot+png", median_of(draw))
report("r.survfit", median_of(function() survfit(Surv(os_months, os_event) ~ arm, data = d)))
