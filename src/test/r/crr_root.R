# Shared by the Fine-Gray reference scripts: cmprsk::crr run to its root. crr's line search can
# stall short of the root (converged FALSE: the Armijo test cannot see a log-likelihood change
# below rounding), so plain Newton steps on cmprsk's own score and Hessian (Fortran crrfsv)
# finish it, and crr(init = root, maxiter = 0) gives $var and $bfitj there.
# Causes are numeric codes, 0 censored.

# crr's score and Hessian (of minus the log partial likelihood) at b, from its own Fortran
crr_score <- function(time, cause, x, failcode, b) {
  o <- order(time); ft <- time[o]; cen <- as.integer(cause[o] == 0)
  fs <- ifelse(cause[o] == failcode, 1, 2 * (1 - cen)); X <- x[o, , drop = FALSE]
  u <- survfit(Surv(ft, cen) ~ 1)
  w <- approx(c(min(0, u$time) - 10 * .Machine$double.eps,
                c(u$time, max(u$time) * (1 + 10 * .Machine$double.eps))), c(1, u$surv, 0),
              xout = ft * (1 - 100 * .Machine$double.eps), method = "constant", f = 0,
              rule = 2)$y
  np <- ncol(X); n <- length(ft)
  z <- .Fortran("crrfsv", as.double(ft), as.integer(fs), as.integer(n), as.double(X),
                as.integer(np), as.integer(np), as.double(0), as.integer(0), as.double(0),
                as.integer(length(unique(ft[fs == 1]))), as.double(w), as.integer(1),
                as.integer(rep(1, n)), as.double(b), double(1), double(np), double(np * np),
                double(np), double(np), double(np * np), PACKAGE = "cmprsk")[16:17]
  list(score = z[[1]], hessian = matrix(z[[2]], np))
}

crr_root <- function(time, cause, x, failcode) {
  f <- crr(time, cause, x, failcode = failcode, cencode = 0, gtol = 1e-12, maxiter = 100)
  polished <- FALSE
  if (!f$converged) {
    b <- unname(f$coef)
    for (k in 1:10) {
      s <- crr_score(time, cause, x, failcode, b)
      step <- -solve(s$hessian, s$score)
      b <- b + step
      if (max(abs(step) / pmax(abs(b), 1)) < 1e-12) break
    }
    f <- crr(time, cause, x, failcode = failcode, cencode = 0, init = b, maxiter = 0)
    polished <- TRUE
  }
  list(fit = f, polished = polished)
}
