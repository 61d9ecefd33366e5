# R side of bench/WeightedBench.java: glm (binomial, the 5 adjustment columns; ecog and smoking
# as factors), ATE weights, survfit(weights = w) by group, coxph(weights = w, robust = TRUE).
# Usage: Rscript bench/weighted_r.R FILE.csv [REPS]; prints the median and fastest seconds.
suppressMessages({library(survival); library(data.table)})
args <- commandArgs(TRUE); reps <- if (length(args) > 1) as.integer(args[2]) else 3
d <- fread(args[1]); d$g <- as.numeric(d$exposed == "yes")
hr <- NA
run <- function() {
  fit <- glm(g ~ age + factor(ecog) + ldh + factor(smoking) + nlr_value, family = binomial, data = d)
  ps <- fitted(fit); w <- ifelse(d$g == 1, 1 / ps, 1 / (1 - ps))
  km <- survfit(Surv(os_months, os_event) ~ g, data = d, weights = w)
  cx <- coxph(Surv(os_months, os_event) ~ g, data = d, weights = w, robust = TRUE)
  exp(coef(cx))
}
invisible(run())
times <- sapply(seq_len(reps), function(i) system.time(hr <<- run())[["elapsed"]])
cat(sprintf("R glm+survfit+coxph: median %.3f s, fastest %.3f s of %d; HR %.6f\n",
            median(times), min(times), reps, hr))
