#!/usr/bin/env Rscript
# R's answers for StandardNormal (pnorm, qnorm, far into the tails) and MultivariateNormal
# (pmvnorm in dimensions 2 to 4, and P(max |Z_i| >= z) for the MaxCombo test).
# Every pmvnorm case holds three R answers:
#   miwa        algorithm = Miwa(steps = 4096), deterministic; also with each variable put first
#               (miwa_first_variable), whose spread shows Miwa's own error (up to 6e-9 for the
#               nearly singular FH matrices, so Miwa alone cannot justify a 1e-9 tolerance);
#   genz_bretz  GenzBretz(maxpts = 2e7, abseps = 1e-12, releps = 0) under set.seed(20240601),
#               with its error estimate (1e-7 .. 1.4e-5 in 4 dimensions: it stops at maxpts);
#   conditioned the tight answer: condition on one variable, integrate() over it (rel.tol 1e-13)
#               the exact lower-dimensional rectangle (pnorm; pmvnorm's bivariate code, error
#               1e-15; TVPACK(abseps = 1e-15) trivariate orthants by inclusion-exclusion), done
#               twice, conditioning on two different variables: their difference is its error
#               (at most 2e-16; 5e-19 for the 1.7e-7 case).
# jsonlite caps numbers at 15 significant digits, so they are written with %.17g (see exact()).
# R 4.2.2, mvtnorm 1.1-3, jsonlite 1.8.4 (Debian bookworm). From the repository root:
#   Rscript src/test/r/normal_reference.R src/test/resources/r/normal_reference.json
suppressPackageStartupMessages({ library(mvtnorm); library(jsonlite) })
out <- commandArgs(TRUE)[1]

x <- c(0, 1e-300, 1e-17, 0.1, 0.5, 0.67448975, 0.6744898, 1, 1.2345678901234567, 1.96, 2.5,
       3, 4.75, 5, 5.656854249492380, 5.656854249492381, 5.7, 6.5, 7, 8, 8.2924, 8.3, 10, 12.5,
       15, 20, 26, 30, 35, 37, 37.5, 37.5193, 38, 40, 100)
x <- c(x, -x[-1], Inf, -Inf, NaN)
res <- list(software = list(R = R.version.string, mvtnorm = as.character(packageVersion("mvtnorm")),
                            jsonlite = as.character(packageVersion("jsonlite"))))
res$pnorm <- list(r_call = "pnorm(x); pnorm(x, lower.tail = FALSE)",
                  x = I(x), lower = pnorm(x), upper = pnorm(x, lower.tail = FALSE))

p <- c(0, 1, 1e-320, 1e-300, 1e-200, 1e-100, 1e-50, 1e-20, 1e-15, 1e-12, exp(-25), 1.3e-11,
       1.4e-11, 1e-10, 1e-8, 1e-6, 1e-4, 0.001, 0.01, 0.025, 0.05, 0.0749, 0.075, 0.0751, 0.1, 0.2,
       0.3, 0.4, 0.45, 0.4999999, 0.5, 0.5000001, 0.6, 0.75, 0.9, 0.9249, 0.925, 0.9251, 0.95,
       0.975, 0.99, 0.999, 1 - 1e-6, 1 - 1e-10, 1 - 1e-12, 1 - 1e-15, 1 - 2^-53, NaN)
res$qnorm <- list(r_call = "qnorm(p)", p = I(p), q = qnorm(p))
res$qnorm_invalid <- list(r_call = "suppressWarnings(qnorm(p))", p = c(-0.5, 1.5, -Inf, Inf),
                          q = suppressWarnings(qnorm(c(-0.5, 1.5, -Inf, Inf))))

# --- exact lower-dimensional rectangles, for the conditioned reference ---
orthant <- function(u, R) { # P(Z <= u), Z ~ N(0, R), up to 3 finite coordinates
  if (any(u == -Inf)) return(0)
  keep <- u < Inf; u <- u[keep]; R <- R[keep, keep, drop = FALSE]
  switch(length(u) + 1, 1, pnorm(u),
         pmvnorm(upper = u, corr = R)[1],
         pmvnorm(upper = u, corr = R, algorithm = TVPACK(abseps = 1e-15))[1])
}
rect <- function(lo, hi, R) { # inclusion-exclusion over the 2^m corners
  m <- length(lo); s <- 0
  for (k in 0:(2^m - 1)) {
    pick <- bitwAnd(k, 2^(0:(m - 1))) > 0
    s <- s + (-1)^sum(pick) * orthant(ifelse(pick, lo, hi), R)
  }
  s
}
conditioned <- function(lo, hi, R, j, rel.tol = 1e-13) { # integrate over Z_j
  c <- R[-j, j]; S <- R[-j, -j, drop = FALSE] - tcrossprod(c); sd <- sqrt(diag(S))
  Rc <- cov2cor(S)
  f <- function(x) sapply(x, function(v) dnorm(v) * rect((lo[-j] - c * v) / sd, (hi[-j] - c * v) / sd, Rc))
  for (tol in c(rel.tol, 1e-12, 1e-11, 1e-10)) { # tighter than TVPACK's noise: integrate gives up
    r <- tryCatch(integrate(f, lo[j], hi[j], rel.tol = tol, abs.tol = 0, subdivisions = 2000L),
                  error = function(e) NULL)
    if (!is.null(r)) break
  }
  list(on = j, value = r$value, integrate_error = r$abs.error, rel_tol = tol)
}
gb <- function(lo, hi, R) {
  set.seed(20240601)
  v <- pmvnorm(lo, hi, corr = R, algorithm = GenzBretz(maxpts = 2e7, abseps = 1e-12, releps = 0))
  list(value = v[1], error = attr(v, "error"))
}
miwa <- function(lo, hi, R) suppressWarnings(pmvnorm(lo, hi, corr = R, algorithm = Miwa(steps = 4096))[1])
first <- function(R, j) c(j, seq_len(nrow(R))[-j])

mvn_case <- function(name, lo, hi, R, note = NULL, condition_on = c(1, nrow(R)), singular_reduced = NULL) {
  e <- eigen(R, symmetric = TRUE, only.values = TRUE)$values
  case <- list(name = name, lower = I(lo), upper = I(hi), corr = R, eigen_min = min(e), note = note)
  case$r_call <- "pmvnorm(lower, upper, corr = corr, algorithm = ...)"
  case$genz_bretz <- gb(lo, hi, R)
  if (is.null(singular_reduced)) {
    case$miwa <- miwa(lo, hi, R)
    case$miwa_first_variable <- I(sapply(seq_len(nrow(R)), function(j) {
      o <- first(R, j); miwa(lo[o], hi[o], R[o, o]) }))
    case$conditioned <- lapply(condition_on, function(j) conditioned(lo, hi, R, j))
  } else { # a duplicated statistic with the same limits: the answer of the reduced problem
    k <- singular_reduced
    case$miwa <- miwa(lo[k], hi[k], R[k, k])
    case$miwa_first_variable <- I(sapply(seq_along(k), function(j) {
      o <- k[first(R[k, k], j)]; miwa(lo[o], hi[o], R[o, o]) }))
    case$conditioned <- lapply(c(1, length(k)), function(j) conditioned(lo[k], hi[k], R[k, k], j))
  }
  case
}

fh <- matrix(c(1, .64, .97, .83, .64, 1, .45, .93, .97, .45, 1, .70, .83, .93, .70, 1), 4)
ar99 <- 0.99^abs(outer(1:4, 1:4, "-"))
eq <- function(m, r) { R <- matrix(r, m, m); diag(R) <- 1; R }
mixed3 <- matrix(c(1, .3, .6, .3, 1, .9, .6, .9, 1), 3)
fh_dup <- rbind(cbind(fh[1:3, 1:3], fh[1:3, 1]), c(fh[1, 1:3], 1)) # Z4 = Z1
z4 <- function(z) rep(z, 4)
# FH with its smallest eigenvalue set to 1e-4 and rescaled to unit diagonal: nearly singular
with_smallest_eigenvalue <- function(R, lambda) {
  e <- eigen(R, symmetric = TRUE); v <- e$values; v[length(v)] <- lambda
  S <- e$vectors %*% diag(v) %*% t(e$vectors); S <- cov2cor((S + t(S)) / 2); diag(S) <- 1; S
}
fh_e4 <- with_smallest_eigenvalue(fh, 1e-4)

res$pmvnorm <- list(
  mvn_case("bivariate rho 0.5, [-1.96, 1.96]^2", c(-1.96, -1.96), c(1.96, 1.96), eq(2, .5)),
  mvn_case("bivariate rho 0.99, asymmetric", c(-1, -2), c(2, 1), eq(2, .99)),
  mvn_case("bivariate rho -0.7, asymmetric", c(-1, 0.5), c(2, 3), eq(2, -.7)),
  mvn_case("trivariate equicorrelated 0.8, [-2.2, 2.2]^3", rep(-2.2, 3), rep(2.2, 3), eq(3, .8)),
  mvn_case("trivariate mixed correlations, asymmetric", c(-1, -0.5, -2), c(1.5, 2, 0.3), mixed3),
  mvn_case("trivariate FH block, lower -Inf", rep(-Inf, 3), c(1, 2, 0.5), fh[1:3, 1:3]),
  mvn_case("FH(0,0) FH(0,1) FH(1,0) FH(1,1), [-2.3, 2.3]^4", z4(-2.3), z4(2.3), fh),
  mvn_case("FH 4x4, [-1.5, 1.5]^4", z4(-1.5), z4(1.5), fh),
  mvn_case("FH 4x4, asymmetric", c(-2, -1, -2.5, -1.5), c(1.5, 2, 1, 2.5), fh),
  mvn_case("FH 4x4, [-3.5, 3.5]^4", z4(-3.5), z4(3.5), fh),
  mvn_case("AR(1) 0.99, [-2.5, 2.5]^4", z4(-2.5), z4(2.5), ar99),
  mvn_case("AR(1) 0.99, asymmetric", c(-1, -0.5, 0, -2), c(2, 1.5, 3, 0.5), ar99),
  mvn_case("equicorrelated 0.99, [-1, 1.2]^4", z4(-1), z4(1.2), eq(4, .99)),
  mvn_case("FH 4x4 with smallest eigenvalue 1e-4, [-2.3, 2.3]^4", z4(-2.3), z4(2.3), fh_e4),
  mvn_case("FH 4x4, lower -Inf (one-sided)", z4(-Inf), c(1, 2, 0.5, 1.5), fh),
  mvn_case("FH 4x4, one half-infinite side", c(-5, -5, -5, 5), c(5, 5, 5, Inf), fh, condition_on = c(4, 1)),
  mvn_case("FH 4x4 with Z4 = Z1 (singular), [-2.3, 2.3]^4", z4(-2.3), z4(2.3), fh_dup,
           note = "singular: miwa and conditioned are of Z1..Z3 (Z4 = Z1 has the same limits)",
           singular_reduced = 1:3))

# A singular matrix whose dependent variable's limits do bind: Z3 = (Z1 + Z2) / sqrt(3), rho12 = 0.5.
# Only GenzBretz handles it; the reference integrates over Z1 the exact probability of Z2 in the
# intersection of its own range and the one Z3's limits allow.
s3 <- sqrt(3)
lin <- matrix(c(1, .5, 1.5 / s3, .5, 1, 1.5 / s3, 1.5 / s3, 1.5 / s3, 1), 3)
lo3 <- c(-1.5, -1.5, -1); hi3 <- c(1.5, 1.5, 1)
f3 <- function(x) sapply(x, function(v) {
  a <- max(lo3[2], s3 * lo3[3] - v); b <- min(hi3[2], s3 * hi3[3] - v)
  if (a >= b) return(0)
  dnorm(v) * (pnorm((b - .5 * v) / sqrt(.75)) - pnorm((a - .5 * v) / sqrt(.75)))
})
brk <- sort(unique(c(lo3[1], hi3[1], s3 * lo3[3] - lo3[2], s3 * hi3[3] - hi3[2], # kinks of max, min
                     s3 * lo3[3] - hi3[2], s3 * hi3[3] - lo3[2])))             # empty beyond
brk <- brk[brk >= lo3[1] & brk <= hi3[1]]
pieces <- sapply(seq_len(length(brk) - 1), function(i)
  integrate(f3, brk[i], brk[i + 1], rel.tol = 1e-13, abs.tol = 0)$value)
res$pmvnorm_singular_binding <- list(name = "Z3 = (Z1 + Z2) / sqrt(3), rho12 = 0.5",
  lower = lo3, upper = hi3, corr = lin, eigen_min = min(eigen(lin)$values),
  r_call = "pmvnorm(lower, upper, corr = corr, algorithm = GenzBretz(...)); Miwa refuses singular",
  genz_bretz = gb(lo3, hi3, lin),
  conditioned = list(list(on = 1, value = sum(pieces), integrate_error = NA)))

# P(max |Z_i| >= z): 1 - Miwa (absolute accuracy only), and the conditioned reference of the
# sum of positive terms P = sum_k 2 P(|Z_j| < z for j < k, Z_k >= z), each conditioned on Z_k.
max_abs <- function(name, z, R) {
  m <- nrow(R)
  terms <- sapply(1:m, function(k) {
    lo <- c(rep(-z, k - 1), z); hi <- c(rep(z, k - 1), Inf)
    if (k == 1) return(2 * pnorm(z, lower.tail = FALSE))
    2 * conditioned(lo, hi, R[1:k, 1:k], k, rel.tol = 1e-12)$value
  })
  list(name = name, z = z, corr = R, eigen_min = min(eigen(R, symmetric = TRUE, only.values = TRUE)$values),
       r_call = "1 - pmvnorm(rep(-z, m), rep(z, m), corr = corr, algorithm = Miwa(steps = 4096))",
       one_minus_miwa = 1 - miwa(rep(-z, m), rep(z, m), R),
       conditioned_terms = I(terms), conditioned = sum(terms))
}
res$max_abs <- list(
  max_abs("FH 4x4, z = 1", 1, fh),
  max_abs("FH 4x4, z = 2.3", 2.3, fh),
  max_abs("FH 4x4, z = 3.5", 3.5, fh),
  max_abs("FH 4x4, z = 5", 5, fh),
  max_abs("FH 4x4, z = 7", 7, fh),
  max_abs("AR(1) 0.99, z = 6", 6, ar99),
  max_abs("FH 4x4 with smallest eigenvalue 1e-4, z = 3", 3, fh_e4),
  max_abs("equicorrelated 0.5 in 3, z = 2", 2, eq(3, .5)))

# jsonlite 1.8.4 writes at most 15 significant digits whatever `digits` says; a double needs 17 to
# come back the same, so numbers are formatted here with %.17g and written verbatim. Inf, -Inf,
# NaN and NA become the strings "Inf", "-Inf", "NaN", "NA".
num17 <- function(v) ifelse(is.nan(v), '"NaN"', ifelse(is.na(v), '"NA"',
  ifelse(is.infinite(v), ifelse(v > 0, '"Inf"', '"-Inf"'), sprintf("%.17g", v))))
verbatim <- function(s) structure(s, class = "json")
exact <- function(x) {
  if (is.list(x)) return(lapply(x, exact))
  if (!is.double(x)) return(x)
  if (is.matrix(x)) return(verbatim(paste0("[", paste(apply(x, 1, function(r)
    paste0("[", paste(num17(r), collapse = ", "), "]")), collapse = ", "), "]")))
  if (length(x) == 1 && !inherits(x, "AsIs")) return(verbatim(num17(x)))
  verbatim(paste0("[", paste(num17(x), collapse = ", "), "]"))
}
writeLines(toJSON(exact(res), auto_unbox = TRUE, json_verbatim = TRUE, null = "null", na = "string",
                  pretty = TRUE), out)
