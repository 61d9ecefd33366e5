# Reference for StandardizedDifference and EValue (issue 21).
# Run from the repository root: Rscript src/test/r/balance_evalue_reference.R
# SMD: (weighted mean of group 1 - weighted mean of group 0) / sqrt((var0 + var1) / 2), the
# variances unweighted (R's var, n - 1), on survival::rotterdam by chemo with ATE weights from
# glm(chemo ~ age + meno + size + nodes + pgr + er, binomial); category levels as 0/1 columns.
# E-values: VanderWeele & Ding (2017), the formula written out in R (no EValue package on
# Debian), with the paper's worked numbers checked by the Java test as well.
suppressMessages({library(survival); library(jsonlite)})

r <- survival::rotterdam
ps <- fitted(glm(chemo ~ age + meno + size + nodes + pgr + er, family = binomial, data = r,
                 control = glm.control(epsilon = 1e-14, maxit = 100)))
w <- ifelse(r$chemo == 1, 1 / ps, 1 / (1 - ps))
smd <- function(x, g, w) {
  m <- function(k) sum(w[g == k] * x[g == k]) / sum(w[g == k])
  (m(1) - m(0)) / sqrt((var(x[g == 0]) + var(x[g == 1])) / 2)
}
columns <- list(age = r$age, nodes = r$nodes, pgr = r$pgr, er = r$er,
                size_le20 = as.numeric(r$size == "<=20"), size_20_50 = as.numeric(r$size == "20-50"),
                size_gt50 = as.numeric(r$size == ">50"), meno = r$meno)
cases <- lapply(names(columns), function(name) {
  x <- columns[[name]]
  list(name = name, value = x, before = smd(x, r$chemo, rep(1, nrow(r))),
       after = smd(x, r$chemo, w))
})
evalue <- function(hr, lo, hi, common) {
  rr <- function(h) if (common) (1 - 0.5^sqrt(h)) / (1 - 0.5^sqrt(1 / h)) else h
  e <- function(x) { x <- if (x < 1) 1 / x else x; x + sqrt(x * (x - 1)) }
  ci <- if (lo <= 1 && hi >= 1) 1 else e(rr(if (hr > 1) lo else hi))
  list(hr = hr, lower = lo, upper = hi, common = common, estimate = e(rr(hr)), ci = ci)
}
evalues <- list(evalue(3.9, 1.8, 8.7, FALSE), evalue(0.8, 0.71, 0.91, TRUE),
                evalue(0.8, 0.71, 0.91, FALSE), evalue(1.3, 0.9, 1.8, TRUE),
                evalue(2.5, 1.2, 5.1, TRUE), evalue(0.45, 0.2, 1.01, TRUE), evalue(1, 0.8, 1.2, FALSE))
out <- list(r = R.version.string, survival = as.character(packageVersion("survival")),
            group = r$chemo, weight = w, smd = cases, evalues = evalues)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE), "src/test/resources/r/balance_evalue_reference.json")
