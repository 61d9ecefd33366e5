#!/usr/bin/env Rscript
# R's maxstat on the derived TME variables of the synthetic sample cohorts: NLR and dNLR computed
# here from the blood counts as shared/contract/cohort-format.md defines them (nlr = neutrophils /
# lymphocytes, dnlr = neutrophils / (leukocytes - neutrophils); the files have the counts), for
# PFS and OS, so /cutpoint?variable=nlr is checked against R on the derived values.
# R 4.2.2, maxstat 0.7-25, survival 3.5.3, jsonlite 1.8.4 (Debian bookworm). From the repository
# root:
#   Rscript src/test/r/cutpoint_derived_reference.R cohorts \
#     src/test/resources/r/cutpoint_derived_reference.json
suppressPackageStartupMessages({ library(maxstat); library(survival); library(jsonlite) })
a <- commandArgs(TRUE)
dir <- a[1]
out <- a[2]

search <- function(d, endpoint, unit, variable) {
  x <- switch(variable,
    nlr = d$neutrophils / d$lymphocytes,
    dnlr = d$neutrophils / (d$leukocytes - d$neutrophils))
  e <- data.frame(time = d[[paste0(endpoint, "_", unit)]], event = d[[paste0(endpoint, "_event")]],
                  x = x)
  e <- e[complete.cases(e), ]
  m <- maxstat.test(Surv(time, event) ~ x, data = e, smethod = "LogRank", pmethod = "Lau94",
                    minprop = 0.1, maxprop = 0.9)
  list(r_call = sprintf(paste0("maxstat.test(Surv(%s_%s, %s_event) ~ %s, smethod = \"LogRank\",",
                               " pmethod = \"Lau94\", minprop = 0.1, maxprop = 0.9)"),
                        endpoint, unit, endpoint, variable),
       n = nrow(e), cutpoint = unname(m$estimate), statistic = unname(m$statistic),
       p = unname(m$p.value), candidates = length(m$stats))
}

files <- c("synthetic-ici-oligometastatic.csv" = "months",
           "synthetic-egfr-tki-oligoprogressive.csv" = "days")
res <- list(software = paste("R", getRversion(), "maxstat", packageVersion("maxstat"),
                             "survival", packageVersion("survival")), cohorts = list())
for (f in names(files)) {
  d <- read.csv(file.path(dir, f))
  for (endpoint in c("pfs", "os")) for (variable in c("nlr", "dnlr")) {
    res$cohorts[[f]][[endpoint]][[variable]] <- search(d, endpoint, files[[f]], variable)
  }
}
writeLines(toJSON(res, digits = NA, auto_unbox = TRUE, null = "null", na = "null",
                  pretty = TRUE), out)
