#!/usr/bin/env Rscript
# Cox models with an exposure over time, as /cox?terms=<exposure>_td,... computes them:
# tmerge(d, d, id, ev = event(time, status)) then tmerge(t, d, id, x = tdc(start)) and
# coxph(Surv(tstart, tstop, ev) ~ x + ...), with cox.zph and the concordance coxph reports on the
# (start, stop] rows; <exposure>_ever (exposed iff start < time, time-fixed) and
# <exposure>_td with from = s (exposed iff start <= s, patients with time >= s) as coxph on d.
# Compared within 1e-8 relative by TimeDependentCoxReferenceTest and TimeDependentCoxApiTest.
# R 4.2.2, survival 3.5.3, jsonlite 1.8.4 (Debian bookworm). From the repository root:
#   Rscript src/test/r/td_cox_reference.R
# writes src/test/resources/cohorts/jasa-heart.csv and td-exposures.csv (the cohorts) and
# src/test/resources/r/td_cox_reference.json (R's answers).
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
set.seed(1919)
cohorts <- "src/test/resources/cohorts"
out <- "src/test/resources/r/td_cox_reference.json"
DAYS <- 30.4375 # the reader's days per month

# --- Stanford heart transplant from survival::jasa, as survival::heart has it: days from
# acceptance plus 1 (so a transplant on the day of acceptance is not at time 0), the exposure
# starting at the transplant wait time (plus 1), a transplant on the day of death half a day
# earlier. tmerge of these gives heart's 172 rows exactly (checked below).
j <- jasa
j$id <- sprintf("H%03d", seq_len(nrow(j)))
fu <- as.numeric(j$fu.date - j$accept.dt) + 1
tx <- j$wait.time + 1
tx <- ifelse(!is.na(tx) & tx >= fu, tx - 0.5, tx)
heart_csv <- data.frame(patient_id = j$id, os_days = fu, os_event = j$fustat,
                        age_years = as.numeric(j$accept.dt - j$birth.dt) / 365.25 - 48,
                        surgery = j$surgery, transplant_start_days = tx)
write.csv(heart_csv, file.path(cohorts, "jasa-heart.csv"), row.names = FALSE, na = "",
          quote = FALSE)
heart_csv <- read.csv(file.path(cohorts, "jasa-heart.csv")) # the numbers the reader reads

# --- a synthetic ICI-like cohort: integer-ish times with ties; antibiotics ("abx") starting
# before 0, at 0, inside follow-up, at other patients' event times, at the patient's own event
# time, after follow-up, or never; a part where nobody is exposed and one where all are.
n <- 90
os <- round(rexp(n, 1 / 14))
os[1:2] <- 0      # time 0: left out of the time-dependent models (tmerge refuses them)
os[os == 0 & seq_len(n) > 2] <- 1
pfs <- pmin(os, round(rexp(n, 1 / 6)))
ev <- rbinom(n, 1, 0.7)
pev <- ifelse(pfs < os, 1, ev)
start <- round(runif(n, -2, 20))
start[sample(n, 15)] <- NA
start[3:6] <- c(-3, 0, 0, -1)
ev[7:12] <- 1
start[7:9] <- os[7:9]                           # at the patient's own event time
start[10:12] <- os[20:22]                       # at other patients' times
start[13:14] <- os[13:14] + 5                   # after the end of follow-up
part <- rep("main", n)
part[61:75] <- "none"; start[61:75] <- NA        # nobody exposed
part[76:90] <- "all"; start[76:90] <- -round(runif(15, 0, 3)) # exposed before treatment
syn_csv <- data.frame(patient_id = sprintf("S%03d", 1:n),
                      arm = sample(c("A", "B"), n, TRUE),
                      center = sample(c("north", "south"), n, TRUE),
                      age = round(rnorm(n, 62, 9)), part = part,
                      os_months = os, os_event = ev, pfs_months = pfs, pfs_event = pev,
                      abx_start_months = start)
# degenerate parts: four patients without events ("quiet"), one patient alone ("single")
syn_csv <- rbind(syn_csv, data.frame(patient_id = sprintf("S%03d", n + 1:5),
                                     arm = c("A", "B", "A", "B", "A"),
                                     center = c("north", "south", "north", "south", "north"),
                                     age = c(55, 61, 70, 66, 58),
                                     part = c(rep("quiet", 4), "single"),
                                     os_months = c(8, 12, 5, 9, 10), os_event = c(0, 0, 0, 0, 1),
                                     pfs_months = c(8, 12, 5, 9, 10), pfs_event = c(0, 0, 0, 0, 1),
                                     abx_start_months = c(2, NA, 5, -1, 4)))
write.csv(syn_csv, file.path(cohorts, "td-exposures.csv"), row.names = FALSE, na = "",
          quote = FALSE)
syn_csv <- read.csv(file.path(cohorts, "td-exposures.csv"))

# the ICI sample cohort: antibiotics_start_days
ici <- read.csv("cohorts/synthetic-ici-oligometastatic.csv")

fitted <- function(fit, data, n_patients, n_excluded, intervals) {
  s <- summary(fit)
  b <- unname(coef(fit))
  se <- unname(sqrt(diag(fit$var)))
  se[is.na(b)] <- NA
  z <- qnorm(0.975)
  zph <- tryCatch({
    tab <- cox.zph(fit)$table
    list(terms = lapply(split(tab[-nrow(tab), , drop = FALSE],
                              rownames(tab)[-nrow(tab)]), unname),
         global = unname(tab[nrow(tab), ]))
  }, error = function(e) NULL)
  list(n = n_patients, nevent = fit$nevent, intervals = intervals, n_excluded = n_excluded,
       coef = b, se = se, hr = exp(b), lower = exp(b - z * se), upper = exp(b + z * se),
       p = 2 * pnorm(-abs(b / se)), loglik = unname(fit$loglik),
       lr = unname(s$logtest), score = unname(s$sctest),
       # summary() rounds the Wald test to 2 decimals: the fit's own statistic instead
       wald = c(unname(fit$wald.test), sum(!is.na(b)),
                pchisq(unname(fit$wald.test), sum(!is.na(b)), lower.tail = FALSE)),
       zph = zph, concordance = unname(fit$concordance[c("concordance", "std")]))
}

rhs <- function(terms, strata) {
  paste(c(terms, if (!is.null(strata)) paste0("strata(", strata, ")")), collapse = " + ")
}

# d: id, time, status, start (exposure, NA never) and the baseline columns
td_case <- function(d, exposure, terms, ties, strata = NULL, request) {
  keep <- d$time > 0
  d0 <- d[keep, ]
  base <- d0[, c("id", "time", "status")]
  t <- tmerge(base, base, id = id, ev = event(time, status))
  # tmerge's tdc stops on a column with no start at all: then nobody is ever exposed
  if (all(is.na(d0$start))) t$x <- 0 else t <- tmerge(t, d0, id = id, x = tdc(start))
  t <- merge(t, d0[, setdiff(names(d0), c("time", "status", "start"))], by = "id")
  names(t)[names(t) == "x"] <- exposure
  f <- as.formula(paste("Surv(tstart, tstop, ev) ~", rhs(terms, strata)))
  fit <- coxph(f, data = t, ties = ties)
  c(request, r_call = paste0("coxph(", deparse1(f), ", ties = '", ties, "') on tmerge"),
    fitted(fit, t, length(unique(t$id)), sum(!keep), nrow(t)))
}

fixed_case <- function(d, terms, ties, strata = NULL, request, excluded = 0) {
  f <- as.formula(paste("Surv(time, status) ~", rhs(terms, strata)))
  fit <- coxph(f, data = d, ties = ties)
  c(request, r_call = paste0("coxph(", deparse1(f), ", ties = '", ties, "')"),
    fitted(fit, d, nrow(d), excluded, NULL))
}

req <- function(cohort, endpoint, terms, ties, strata = NULL, from = NULL, subset = NULL,
                cause = NULL) {
  list(cohort = cohort, endpoint = endpoint, terms = I(terms), ties = ties, strata = strata,
       from = from, subset = subset, cause = cause)
}

res <- list(software = list(R = R.version.string,
                            survival = as.character(packageVersion("survival"))))

# heart: the same model as coxph on survival::heart (checked here), times in months
h <- data.frame(id = heart_csv$patient_id, time = heart_csv$os_days / DAYS,
                status = heart_csv$os_event, start = heart_csv$transplant_start_days / DAYS,
                age_years = heart_csv$age_years, surgery = heart_csv$surgery)
for (ties in c("efron", "breslow")) {
  case <- td_case(h, "transplant_td", c("transplant_td", "age_years", "surgery"), ties,
                  request = req("jasa-heart", "os", c("transplant_td", "age_years", "surgery"),
                                ties))
  ref <- coxph(Surv(start, stop, event) ~ transplant + age + surgery, data = heart,
               ties = ties)
  stopifnot(max(abs(case$coef / unname(coef(ref)) - 1)) < 1e-8, case$nevent == ref$nevent,
            case$intervals == nrow(heart))
  res$cases[[paste0("heart_td_", ties)]] <- case
  res$cases[[paste0("heart_td_strata_", ties)]] <- td_case(h, "transplant_td",
    c("transplant_td", "age_years"), ties, "surgery",
    req("jasa-heart", "os", c("transplant_td", "age_years"), ties, "surgery"))
}
h$transplant_ever <- as.numeric(!is.na(h$start) & h$start < h$time)
res$cases$heart_ever_efron <- fixed_case(h, c("transplant_ever", "age_years"), "efron",
  request = req("jasa-heart", "os", c("transplant_ever", "age_years"), "efron"))
s <- 30 / DAYS
hs <- h[h$time >= s, ]
hs$transplant_td <- as.numeric(!is.na(hs$start) & hs$start <= s)
res$cases$heart_from_efron <- fixed_case(hs, c("transplant_td", "age_years"), "efron",
  request = req("jasa-heart", "os", c("transplant_td", "age_years"), "efron", from = s),
  excluded = sum(h$time < s))

# synthetic cohort
syn <- function(endpoint, rows = TRUE) {
  data.frame(id = syn_csv$patient_id, time = syn_csv[[paste0(endpoint, "_months")]],
             status = syn_csv[[paste0(endpoint, "_event")]], start = syn_csv$abx_start_months,
             age = syn_csv$age, arm = syn_csv$arm, center = syn_csv$center)[rows, ]
}
main <- syn_csv$part == "main"
for (ties in c("efron", "breslow")) {
  res$cases[[paste0("syn_td_", ties)]] <- td_case(syn("os"), "abx_td",
    c("abx_td", "age", "arm"), ties, request = req("td-exposures", "os",
                                                    c("abx_td", "age", "arm"), ties))
  res$cases[[paste0("syn_td_strata_", ties)]] <- td_case(syn("os"), "abx_td",
    c("abx_td", "age", "arm"), ties, "center", req("td-exposures", "os",
                                                    c("abx_td", "age", "arm"), ties, "center"))
  res$cases[[paste0("syn_pfs_td_", ties)]] <- td_case(syn("pfs"), "abx_td",
    c("abx_td", "arm"), ties, request = req("td-exposures", "pfs", c("abx_td", "arm"), ties))
  res$cases[[paste0("syn_main_td_", ties)]] <- td_case(syn("os", main), "abx_td",
    c("abx_td", "age"), ties, request = req("td-exposures", "os", c("abx_td", "age"), ties,
                                            subset = "part:main"))
}
for (p in c("none", "all")) { # the exposure constant: NA, as coxph answers
  res$cases[[paste0("syn_", p, "_td_efron")]] <- td_case(syn("os", syn_csv$part == p),
    "abx_td", c("abx_td", "age"), "efron",
    request = req("td-exposures", "os", c("abx_td", "age"), "efron",
                  subset = paste0("part:", p)))
}
for (p in c("quiet", "single")) { # no events; one patient: coefficients NA, no cox.zph
  res$cases[[paste0("syn_", p, "_td_efron")]] <- td_case(syn("os", syn_csv$part == p),
    "abx_td", c("abx_td", "age"), "efron",
    request = req("td-exposures", "os", c("abx_td", "age"), "efron",
                  subset = paste0("part:", p)))
}
so <- syn("os")
so$abx_ever <- as.numeric(!is.na(so$start) & so$start < so$time)
res$cases$syn_ever_breslow <- fixed_case(so, c("abx_ever", "age", "arm"), "breslow",
  request = req("td-exposures", "os", c("abx_ever", "age", "arm"), "breslow"))
s <- 3 # an observed time, and a start time
stopifnot(any(so$time == s), any(so$start == s, na.rm = TRUE))
ss <- so[so$time >= s, ]
ss$abx_td <- as.numeric(!is.na(ss$start) & ss$start <= s)
res$cases$syn_from_efron <- fixed_case(ss, c("abx_td", "age", "arm"), "efron", "center",
  req("td-exposures", "os", c("abx_td", "age", "arm"), "efron", "center", from = s),
  excluded = sum(so$time < s))

# the ICI sample cohort, antibiotics_start_days (reader: days / 30.4375)
ic <- data.frame(id = ici$patient_id, time = ici$os_months, status = ici$os_event,
                 start = ici$antibiotics_start_days / DAYS, age = ici$age)
for (ties in c("efron", "breslow")) {
  res$cases[[paste0("ici_td_", ties)]] <- td_case(ic, "antibiotics_td",
    c("antibiotics_td", "age"), ties,
    request = req("synthetic-ici-oligometastatic", "os", c("antibiotics_td", "age"), ties))
}
# cause-specific (events of other causes censored), a factor term, strata by the baseline
# antibiotics stratifier (antibiotics_30d) beside the time-dependent exposure
ip <- data.frame(id = ici$patient_id, time = ici$pfs_months,
                 status = as.numeric(ici$pfs_event == 1 & ici$pfs_cause == "distant"),
                 start = ici$antibiotics_start_days / DAYS, arm = ici$arm,
                 antibiotics = ici$antibiotics_30d)
for (ties in c("efron", "breslow")) {
  res$cases[[paste0("ici_pfs_distant_td_strata_", ties)]] <- td_case(ip, "antibiotics_td",
    c("antibiotics_td", "arm"), ties, "antibiotics",
    req("synthetic-ici-oligometastatic", "pfs", c("antibiotics_td", "arm"), ties,
        "antibiotics", cause = "distant"))
}

writeLines(toJSON(res, digits = NA, auto_unbox = TRUE, null = "null", na = "null",
                  pretty = TRUE), out)
