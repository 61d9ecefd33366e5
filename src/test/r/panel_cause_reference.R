#!/usr/bin/env Rscript
# R's answers for the TME panel on one cause (issue 18 item 5): the ICI sample cohort's panel of
# pfs for each of its causes. As OncoSurv, a stratifier is cut on the whole cohort, patients
# missing the time, event or stratifier are left out and levels without patients dropped.
# Per stratifier: levels, n, events of the cause, the cumulative incidence of the cause at 6,
# 12, 24 months (survfit(Surv(time, factor(cause)) ~ group), summary(times, extend = TRUE)),
# Gray's p (cmprsk::cuminc(...)$Tests, the cause's row), the Benjamini-Hochberg q over the
# computed entries of the cause, and the Fine-Gray subdistribution HRs against the first level
# with Wald 95 % limits (cmprsk::crr on the level indicators, run to its root: crr_root.R).
# A level without an event of the cause separates: crr's coefficient runs off, no HRs. Also the
# panel of death on the subset arm:ICI, where LIPI poor has no death (separation).
# R 4.2.2, survival 3.5.3, cmprsk 2.2-11, jsonlite 1.8.4 (Debian bookworm). From the repository
# root:
#   Rscript src/test/r/panel_cause_reference.R cohorts/synthetic-ici-oligometastatic.csv \
#     src/test/resources/r/panel_cause_reference.json
suppressPackageStartupMessages({ library(survival); library(cmprsk); library(jsonlite) })
source("src/test/r/crr_root.R")
a <- commandArgs(TRUE)
d <- read.csv(a[1], stringsAsFactors = FALSE)
out <- a[2]

source("src/test/r/format_stratifiers.R")  # cohort_median, stratify

causes <- sort(unique(d$pfs_cause[d$pfs_event == 1]), method = "radix")  # C collation
status <- factor(ifelse(d$pfs_event == 1, d$pfs_cause, "censor"), levels = c("censor", causes))

entry <- function(name, cause, rows) {
  e <- data.frame(time = d$pfs_months, status = status, group = stratify(d, name))[rows, ]
  e <- e[!is.na(e$time) & !is.na(e$status) & !is.na(e$group), ]
  e$group <- droplevels(e$group)
  if (nlevels(e$group) < 2) return(list(status = "skipped"))
  code <- match(cause, causes)
  codes <- as.integer(e$status) - 1                       # 0 censored, 1.. causes
  events <- as.vector(tapply(codes == code, e$group, sum))
  fit <- survfit(Surv(time, status) ~ group, data = e)
  lm <- summary(fit, times = c(6, 12, 24), extend = TRUE)
  col <- match(cause, fit$states)
  gray <- cuminc(e$time, codes, e$group, cencode = 0)$Tests[as.character(code), "pv"]
  res <- list(status = "ok", levels = levels(e$group), n = as.vector(table(e$group)),
              events = events,
              landmarks = list(n_risk = unname(lm$n.risk[, 1]), cif = unname(lm$pstate[, col]),
                               std_err = unname(lm$std.err[, col]),
                               lower = unname(lm$lower[, col]), upper = unname(lm$upper[, col])),
              gray_p = unname(gray), hr = NULL, hr_lower = NULL, hr_upper = NULL,
              separated = any(events == 0))
  if (!res$separated) {
    x <- model.matrix(~ e$group)[, -1, drop = FALSE]
    f <- crr_root(e$time, codes, x, code)$fit
    se <- sqrt(diag(f$var))
    res$hr <- unname(exp(f$coef))
    res$hr_lower <- unname(exp(f$coef - qnorm(0.975) * se))
    res$hr_upper <- unname(exp(f$coef + qnorm(0.975) * se))
  }
  res
}

stratifiers <- c("pdl1", "cd8", "pdl1_cd8", "nlr", "dnlr", "lipi", "akkermansia",
                 "antibiotics", "shannon")
res <- list(software = list(R = R.version.string,
                            survival = as.character(packageVersion("survival")),
                            cmprsk = as.character(packageVersion("cmprsk"))),
            endpoint = "pfs", causes = causes)
panel <- function(cause, rows) {
  entries <- list()
  for (name in stratifiers) entries[[name]] <- entry(name, cause, rows)
  ok <- vapply(entries, function(x) x$status == "ok", TRUE)
  qs <- p.adjust(vapply(entries[ok], function(x) x$gray_p, 0), method = "BH")
  for (key in names(qs)) entries[[key]]$q_value <- qs[[key]]
  entries
}
for (cause in causes) res$panels[[cause]] <- panel(cause, seq_len(nrow(d)))
# the subset arm:ICI (cut on the whole cohort, then the subset), cause death: no LIPI-poor
# patient of that arm dies first, so lipi keeps its Gray p without HRs
res$subset <- list(subset = "arm:ICI", cause = "death",
                   entries = panel("death", which(d$arm == "ICI")))
writeLines(toJSON(res, digits = NA, auto_unbox = TRUE, null = "null", na = "null"), out)
