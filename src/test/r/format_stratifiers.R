# Shared by the reference scripts: the cohort format's built-in stratifiers, written from
# shared/contract/cohort-format.md (not from our code), and the cohort median they cut at.

# The format's cohort median: of the non-missing values (mean of the two middle ones when even).
cohort_median <- function(x) median(x, na.rm = TRUE)

stratify <- function(d, name) {
  tps <- d$pdl1_tps
  cd8_high <- d$cd8_til >= cohort_median(d$cd8_til)
  nlr <- d$neutrophils / d$lymphocytes
  dnlr <- d$neutrophils / (d$leukocytes - d$neutrophils)
  switch(name,
    pdl1 = factor(ifelse(tps < 1, "<1", ifelse(tps < 50, "1-49", ">=50")),
                  levels = c("<1", "1-49", ">=50")),
    cd8 = factor(ifelse(cd8_high, "high", "low"), levels = c("low", "high")),
    pdl1_cd8 = factor(paste0("PD-L1 ", ifelse(tps >= 50, "high", "low"), "/CD8 ",
                             ifelse(cd8_high, "high", "low")),
                      levels = c("PD-L1 low/CD8 low", "PD-L1 low/CD8 high",
                                 "PD-L1 high/CD8 low", "PD-L1 high/CD8 high")),
    nlr = factor(ifelse(nlr >= 5, "high", "low"), levels = c("low", "high")),
    dnlr = factor(ifelse(dnlr >= 3, "high", "low"), levels = c("low", "high")),
    lipi = factor(c("good", "intermediate", "poor")[1 + (dnlr >= 3) + (d$ldh > d$ldh_uln)],
                  levels = c("good", "intermediate", "poor")),
    akkermansia = factor(ifelse(d$akkermansia == 1, "yes", "no"), levels = c("no", "yes")),
    antibiotics = factor(ifelse(d$antibiotics_30d == 1, "yes", "no"), levels = c("no", "yes")),
    shannon = factor(ifelse(d$shannon >= cohort_median(d$shannon), "high", "low"),
                     levels = c("low", "high")))
}
