# Reference for WeightedAnalysis (issue 21): the weighted comparison composed as R does it, on
# the ICI sample cohort (cohorts/synthetic-ici-oligometastatic.csv), OS by arm (ICI first),
# adjusting for age, sex (a factor), pdl1_tps and ldh.
# Run from the repository root: Rscript src/test/r/weighted_analysis_reference.R
# glm(binomial) with glm.control(epsilon = 1e-14, maxit = 100); weights by hand (ATE/ATT,
# stabilised, trimming by the score's type-7 quantiles); SMDs with unweighted variances on the
# patients kept; survfit(weights = w) and coxph(weights = w, robust = TRUE), Efron.
source("src/test/r/weighted_common.R")
d <- read.csv("cohorts/synthetic-ici-oligometastatic.csv")
d$g <- as.numeric(d$arm == "ICI+LAT")
fit <- glm(g ~ age + factor(sex) + pdl1_tps + ldh, family = binomial, data = d,
           control = glm.control(epsilon = 1e-14, maxit = 100))
ps <- unname(fitted(fit))
columns <- function(k) list(list("age", NULL, k$age), list("sex", "1", as.numeric(k$sex == 1)),
                            list("sex", "2", as.numeric(k$sex == 2)),
                            list("pdl1_tps", NULL, k$pdl1_tps), list("ldh", NULL, k$ldh))
one <- function(estimand, stabilized, trim) {
  c <- weighted_case(d, ps, "os_months", "os_event", columns, estimand, stabilized, trim,
                     thinned = FALSE)
  c(list(estimand = estimand, stabilized = stabilized, trim = trim, n = c$n), c$body)
}
out <- list(r = R.version.string, survival = as.character(packageVersion("survival")),
            propensity = propensity_table(fit),
            cases = list(one("ate", FALSE, 0), one("ate", TRUE, 0.05), one("att", FALSE, 0)))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, null = "null"),
           "src/test/resources/r/weighted_analysis_reference.json")
