#!/usr/bin/env Rscript
# R's answers for the baseline characteristics table ("Table 1", issue 20): per column and group
# median and quartiles (quantile type 7, R's default), mean, SD and n missing for numbers; n and
# % of the non-missing per level for categories; kruskal.test for numbers, chisq.test(correct =
# FALSE) for categories, fisher.test when an expected count is under 5. The rules of the table
# are written again here from docs/statistics.md, not from our Java code:
#   - columns: every column but patient_id, the by column, endpoint time/event/cause columns and
#     exposure start columns, in file order;
#   - a text column, or a numeric column with at most 5 distinct values, is categorical; levels
#     in numeric order if all are numbers, else C text order;
#   - the test runs on the patients with both values present, on the table without its empty
#     rows and columns; fewer than 2 levels or groups left: no test.
# Also writes the cohorts it tests: colon-baseline.csv (survival::colon, the death rows) and
# baseline-small.csv (16 patients: Fisher 2x2 and 2x3, missing values, ties, an empty group).
# R 4.2.2, survival 3.5.3, jsonlite 1.8.4 (Debian bookworm). From the repository root:
#   Rscript src/test/r/baseline_reference.R
suppressPackageStartupMessages({ library(survival); library(jsonlite) })

colon_d <- colon[colon$etype == 2, ]
colon_out <- data.frame(patient_id = colon_d$id, rx = as.character(colon_d$rx),
  os_days = colon_d$time, os_event = colon_d$status, sex = colon_d$sex, age = colon_d$age,
  obstruct = colon_d$obstruct, perfor = colon_d$perfor, adhere = colon_d$adhere,
  nodes = colon_d$nodes, differ = colon_d$differ, extent = colon_d$extent, surg = colon_d$surg,
  node4 = colon_d$node4)
write.csv(colon_out, "src/test/resources/cohorts/colon-baseline.csv", row.names = FALSE,
          na = "", quote = FALSE)

small <- data.frame(
  patient_id = sprintf("S%02d", 1:16),
  arm = c(rep("A", 8), rep("B", 8)),
  os_months = c(3, 5, 7, 9, 11, 13, 15, 17, 2, 4, 6, 8, 10, 12, 14, 16),
  os_event = c(1, 0, 1, 1, 0, 1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 0),
  age = c(61, 61, 70, NA, 55, 48, 61, 72, 50, 50, 66, 59, NA, NA, 81, 50),
  flag = c(1, 1, 1, 0, 1, 1, 1, NA, 0, 0, 1, 0, 0, 0, 0, 0),
  ecog = c(0, 0, 1, 0, 0, 1, 0, 0, 1, 2, 2, 1, 2, 1, NA, 2),
  smoking = c("never", "never", "former", NA, "never", "current", "never", "never",
              "former", "current", "current", "former", "current", "former", "current", NA),
  site = c(rep("lung", 16)),
  score = c(2.5, 4.75, 3.5, 1.25, 2.5, 2.5, 7, 3, NA, NA, NA, NA, NA, NA, NA, NA))
write.csv(small, "src/test/resources/cohorts/baseline-small.csv", row.names = FALSE, na = "",
          quote = FALSE)

endpoint_like <- function(name) grepl("_(months|days|weeks|years|event|cause)$", name)

levels_of <- function(x) {
  u <- unique(x[!is.na(x)])
  if (is.numeric(u)) as.character(sort(u)) else sort(u, method = "radix")
}

summary_numeric <- function(x) {
  y <- x[!is.na(x)]
  q <- if (length(y) > 0) unname(quantile(y, c(0.25, 0.5, 0.75), type = 7)) else rep(NA, 3)
  list(n = length(x), missing = sum(is.na(x)), q1 = q[1], median = q[2], q3 = q[3],
       mean = if (length(y) > 0) mean(y) else NA, sd = if (length(y) > 1) sd(y) else NA)
}

test_numeric <- function(x, g) {
  ok <- !is.na(x) & !is.na(g)
  if (length(unique(g[ok])) < 2) return(list(test = "none", statistic = NA, df = NA, p = NA))
  k <- kruskal.test(x[ok], factor(g[ok]))
  list(test = "kruskal-wallis", statistic = unname(k$statistic), df = unname(k$parameter),
       p = unname(k$p.value))
}

test_categorical <- function(x, g) {
  ok <- !is.na(x) & !is.na(g)
  t <- table(x[ok], g[ok])
  t <- t[rowSums(t) > 0, colSums(t) > 0, drop = FALSE]
  if (nrow(t) < 2 || ncol(t) < 2) return(list(test = "none", statistic = NA, df = NA, p = NA))
  cs <- suppressWarnings(chisq.test(t, correct = FALSE))
  if (any(cs$expected < 5)) {
    f <- fisher.test(t)
    return(list(test = "fisher", statistic = NA, df = NA, p = f$p.value))
  }
  list(test = "chi-square", statistic = unname(cs$statistic), df = unname(cs$parameter),
       p = unname(cs$p.value))
}

baseline <- function(d, by) {
  g <- d[[by]]
  groups <- levels_of(g)
  columns <- setdiff(names(d), c("patient_id", by))
  columns <- columns[!endpoint_like(columns) & !grepl("_start_(days|months|date)$", columns)]
  rows <- lapply(columns, function(column) {
    x <- d[[column]]
    categorical <- !is.numeric(x) || length(unique(x[!is.na(x)])) <= 5
    parts <- c(list(x), lapply(groups, function(l) x[!is.na(g) & g == l]))
    if (!categorical) {
      s <- lapply(parts, summary_numeric)
      pick <- function(f) sapply(s, function(e) e[[f]])
      return(c(list(column = column, kind = "numeric", n = pick("n"), missing = pick("missing"),
                    q1 = pick("q1"), median = pick("median"), q3 = pick("q3"),
                    mean = pick("mean"), sd = pick("sd")), test_numeric(x, g)))
    }
    lv <- levels_of(x)
    counts <- lapply(parts, function(y) sapply(lv, function(l) sum(!is.na(y) & y == l)))
    present <- sapply(parts, function(y) sum(!is.na(y)))
    percent <- lapply(seq_along(parts), function(i)
      if (present[i] > 0) unname(100 * counts[[i]] / present[i]) else rep(NA, length(lv)))
    c(list(column = column, kind = "categorical", levels = I(lv),
           n = sapply(parts, length), missing = sapply(parts, function(y) sum(is.na(y))),
           counts = lapply(counts, function(v) I(unname(v))),
           percent = lapply(percent, I)), test_categorical(x, g))
  })
  list(by = by, groups = groups, excluded = sum(is.na(g)), rows = rows)
}

ici <- read.csv("cohorts/synthetic-ici-oligometastatic.csv", stringsAsFactors = FALSE,
                na.strings = c("", "NA", "."))
small_in <- read.csv("src/test/resources/cohorts/baseline-small.csv", stringsAsFactors = FALSE,
                     na.strings = c("", "NA", "."))
colon_in <- read.csv("src/test/resources/cohorts/colon-baseline.csv", stringsAsFactors = FALSE,
                     na.strings = c("", "NA", "."))
# the kernels alone: Kruskal–Wallis with ties, Fisher's exact test on tables of several shapes,
# Pearson's chi-square, and quantile types 7 (R's default) and 6 (Commons Math's default
# Percentile, which Tablesaw's quartile1/quartile3 use)
kw <- function(x, g) { k <- kruskal.test(x, factor(g))
  list(x = x, g = g, statistic = unname(k$statistic), df = unname(k$parameter), p = k$p.value) }
fisher <- function(m) list(table = lapply(seq_len(nrow(m)), function(i) m[i, ]),
  p = fisher.test(m)$p.value)
chisq <- function(m) { cs <- chisq.test(m, correct = FALSE)
  list(table = lapply(seq_len(nrow(m)), function(i) m[i, ]), statistic = unname(cs$statistic),
       df = unname(cs$parameter), p = cs$p.value, min_expected = min(cs$expected)) }
# large tables with an expected count under 5 (Table 1 of a big trial with a rare level): R's
# FEXACT answers some and stops on others with an error (its workspace); p NA and the message
fisher_large <- function(m) { r <- tryCatch(list(p = fisher.test(m)$p.value, error = NA),
  error = function(e) list(p = NA, error = conditionMessage(e)))
  c(list(table = lapply(seq_len(nrow(m)), function(i) m[i, ])), r,
    p_enumerated = if (nrow(m) == 3 && ncol(m) == 2) fisher_3x2(m) else NA) }
# Fisher's p of a 3 x 2 table by its definition, every table with the margins enumerated with
# lfactorial and R's 2 x 2 tolerance (relErr 1 + 1e-7): FEXACT adds log factorials up one by one
# (fact[i] = fact[i - 1] + log(i)), and at n = 86,103 its p is 2.8e-7 (relative) off this sum
# (40-digit arithmetic, mpmath: 0.653273123069425)
fisher_3x2 <- function(m) {
  rs <- rowSums(m); cs <- colSums(m); n <- sum(m)
  g <- expand.grid(a1 = 0:rs[2], a2 = 0:rs[3])
  g$a0 <- cs[1] - g$a1 - g$a2
  g <- g[g$a0 >= 0 & g$a0 <= rs[1] & g$a1 <= cs[1] & g$a2 <= cs[1], ]
  lp <- function(a0, a1, a2) sum(lfactorial(rs)) + sum(lfactorial(cs)) - lfactorial(n) -
    lfactorial(a0) - lfactorial(rs[1] - a0) - lfactorial(a1) - lfactorial(rs[2] - a1) -
    lfactorial(a2) - lfactorial(rs[3] - a2)
  d <- exp(lp(g$a0, g$a1, g$a2))
  sum(d[d <= exp(lp(m[1, 1], m[2, 1], m[3, 1])) * (1 + 1e-7)])
}
qx <- c(7, 1, 4, 2, 9, 4, 4, 10.5, 3)
kernels <- list(
  kruskal = list(
    kw(c(1, 2, 3, 4, 5, 6), c(0, 0, 1, 1, 2, 2)),
    kw(c(2, 2, 2, 3, 3, 1, 1, 5, 5, 5), c(0, 1, 0, 1, 2, 2, 0, 1, 2, 0)),
    kw(c(10.5, 3.2, 3.2, 8, 1, 1, 1, 7), c(1, 0, 1, 0, 1, 0, 1, 0))),
  fisher = list(
    fisher(matrix(c(3, 1, 1, 3), 2, byrow = TRUE)),
    fisher(matrix(c(10, 0, 2, 7), 2, byrow = TRUE)),
    fisher(matrix(c(1, 5, 2, 0, 4, 3), 2, byrow = TRUE)),
    fisher(matrix(c(2, 0, 3, 1, 4, 1, 2, 0, 0, 3, 1, 2), 3, byrow = TRUE)),
    fisher(matrix(c(20, 3, 15, 1, 30, 9), 2, byrow = TRUE))),
  fisher_large = list(
    fisher_large(matrix(c(33000, 33000, 2, 1, 10000, 10100), 3, byrow = TRUE)),
    fisher_large(matrix(c(19900, 20000, 20100, 10000, 10100, 9900, 3, 0, 0, 3300, 3333, 3364),
                        4, byrow = TRUE)),
    fisher_large(matrix(c(3000, 3000, 3000, 2, 1, 1, 500, 500, 500), 3, byrow = TRUE))),
  chisq = list(
    chisq(matrix(c(20, 15, 30, 25), 2, byrow = TRUE)),
    chisq(matrix(c(12, 18, 9, 22, 14, 30), 2, byrow = TRUE))),
  quantile = list(x = qx, type7 = unname(quantile(qx, c(0.25, 0.5, 0.75), type = 7)),
                  type6 = unname(quantile(qx, c(0.25, 0.5, 0.75), type = 6))))

out <- list(
  kernels = kernels,
  colon_rx = baseline(colon_in, "rx"),
  ici_arm = baseline(ici, "arm"),
  small_arm = baseline(small_in, "arm"),
  small_ecog = baseline(small_in, "ecog"))
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, na = "null", null = "null"),
           "src/test/resources/r/baseline_reference.json")
