# The baseline of bench/ReportBench.java: the same analyses in R survival, for the same cohort
# file and stratifiers (defined here from the cohort format, as src/test/r does): per endpoint ×
# stratifier, survfit + quantile + summary(times) + survdiff + coxph, a 7 x 5.5 in PNG at 150
# dpi of plot(survfit), and one multi-page pdf() of all the plots and one CSV of the tables.
# R's plots have no risk table, legend or annotations; there is no HTML. Usage:
#   Rscript bench/report_r.R COHORT.csv REPS OUTDIR
suppressPackageStartupMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1]); reps <- as.integer(args[2]); out <- args[3]
dir.create(out, showWarnings = FALSE, recursive = TRUE)
med <- function(x) median(x, na.rm = TRUE)
strata <- function(name) {
  tps <- d$pdl1_tps; cd8 <- d$cd8_til >= med(d$cd8_til)
  nlr <- d$neutrophils / d$lymphocytes; dnlr <- d$neutrophils / (d$leukocytes - d$neutrophils)
  switch(name,
    pdl1 = cut(tps, c(-Inf, 1, 50, Inf), right = FALSE),
    cd8 = factor(cd8), pdl1_cd8 = interaction(tps >= 50, cd8), nlr = factor(nlr >= 5),
    dnlr = factor(dnlr >= 3), lipi = factor((dnlr >= 3) + (d$ldh > d$ldh_uln)),
    akkermansia = factor(d$akkermansia), antibiotics = factor(d$antibiotics_30d),
    shannon = factor(d$shannon >= med(d$shannon)))
}
names <- c("pdl1", "cd8", "pdl1_cd8", "nlr", "dnlr", "lipi", "akkermansia", "antibiotics",
           "shannon")
report <- function() {
  tables <- list(); fits <- list()
  for (e in c("pfs", "os")) for (s in names) {
    g <- strata(s); time <- d[[paste0(e, "_months")]]; event <- d[[paste0(e, "_event")]]
    fit <- survfit(Surv(time, event) ~ g)
    q <- quantile(fit, probs = c(0.25, 0.5, 0.75), conf.int = TRUE)
    l <- summary(fit, times = c(6, 12, 24), extend = TRUE)
    t <- survdiff(Surv(time, event) ~ g); cx <- coxph(Surv(time, event) ~ g)
    png(file.path(out, paste0(e, "-", s, ".png")), width = 7, height = 5.5, units = "in",
        res = 150)
    plot(fit, col = 1:4, mark.time = TRUE, xlab = "Months", ylab = e); invisible(dev.off())
    tables[[length(tables) + 1]] <- data.frame(endpoint = e, stratifier = s,
        group = names(fit$strata), median = q$quantile[, 2], p = pchisq(t$chisq,
        length(t$n) - 1, lower.tail = FALSE))
    fits[[length(fits) + 1]] <- fit
  }
  pdf(file.path(out, "report.pdf"), width = 8.27, height = 11.69)
  for (f in fits) plot(f, col = 1:4, mark.time = TRUE)
  invisible(dev.off())
  write.csv(do.call(rbind, tables), file.path(out, "report.csv"), row.names = FALSE)
}
first <- system.time(report())[["elapsed"]]
times <- vapply(seq_len(reps), function(i) system.time(report())[["elapsed"]], 0)
cat(sprintf("cold %.1f\n", first * 1000))
cat(sprintf("warm %.1f (median of %d; min %.1f, max %.1f)\n", median(times) * 1000, reps,
            min(times) * 1000, max(times) * 1000))
