package io.oncosurv.cohort;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads one column of a cohort file cell by cell into a primitive array, reporting each cell that
 * breaks the column's rule. One subclass per kind of column of the format.
 */
abstract class ColumnReader {

    final String name;
    /** Rows expected (the file's line count), so that the arrays are sized once. */
    final int capacity;

    ColumnReader(int capacity, String name) {
        this.name = name;
        this.capacity = Math.max(16, capacity);
    }

    /** Reads the cell of {@code row} (1-based, header = 1) at {@code patient} (0-based). */
    abstract void read(DelimitedReader in, int field, int row, int patient, Problems problems);

    /** Shrinks the arrays to the number of patients read. */
    abstract void finish(int patients);

    /**
     * Puts the {@code count} patients {@code later} (a reader of this column, of the rows after
     * this one's) read at patients {@code at} on.
     */
    abstract void append(ColumnReader later, int at, int count);

    static String quoteCell(DelimitedReader in, int field) {
        String text = in.text(field);
        return "'" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'";
    }

    /** Numbers (NaN = missing), optionally in a range. */
    static class Numeric extends ColumnReader {
        private final CohortFormat.Range range;
        double[] values;

        Numeric(int capacity, String name, CohortFormat.Range range) {
            super(capacity, name);
            this.range = range;
            this.values = new double[this.capacity];
        }

        @Override
        void read(DelimitedReader in, int field, int row, int patient, Problems problems) {
            if (patient == values.length) {
                values = Arrays.copyOf(values, 2 * patient);
            }
            values[patient] = Double.NaN;
            if (in.isMissing(field)) {
                return;
            }
            double v = in.number(field);
            if (Double.isNaN(v)) {
                boolean nonFinite = Numbers.isNonFiniteWord(in.data(), in.start(field),
                        in.end(field));
                problems.add(row, name, (nonFinite ? "a finite number was expected"
                        : expected()) + "; got " + quoteCell(in, field));
            } else if (Double.isInfinite(v)) {
                problems.add(row, name, "a finite number was expected; got " + quoteCell(in, field));
            } else if (range != null && !range.contains(v)) {
                problems.add(row, name, range.expected() + " was expected; got "
                        + quoteCell(in, field));
            } else {
                values[patient] = v;
            }
        }

        @Override
        void append(ColumnReader later, int at, int count) {
            if (at + count > values.length) {
                values = Arrays.copyOf(values, at + count);
            }
            System.arraycopy(((Numeric) later).values, 0, values, at, count);
        }

        String expected() {
            return range == null ? "a number was expected" : range.expected() + " was expected";
        }

        @Override
        void finish(int patients) {
            values = Arrays.copyOf(values, patients);
        }
    }

    /**
     * A time column: a finite number >= 0 in its unit, kept in months, and at most
     * {@link CohortFormat#MAX_FOLLOW_UP_MONTHS} (100 years) once in months.
     */
    static final class Time extends Numeric {
        private final String unit;

        Time(int capacity, String name, String unit) {
            super(capacity, name, new CohortFormat.Range(0, true, Double.MAX_VALUE, "a time >= 0"));
            this.unit = unit;
        }

        @Override
        void read(DelimitedReader in, int field, int row, int patient, Problems problems) {
            super.read(in, field, row, patient, problems);
            double months = CohortFormat.toMonths(values[patient], unit);
            if (months > CohortFormat.MAX_FOLLOW_UP_MONTHS) { // 1e308 years is infinite in months
                problems.add(row, name, "a time of at most 100 years" + limit()
                        + " was expected; got " + quoteCell(in, field) + " " + unit
                        + ": check the value, and that the column's unit is right");
                months = Double.NaN;
            }
            values[patient] = months;
        }

        /** 100 years in this column's unit, in brackets. */
        private String limit() {
            return switch (unit) {
                case "days" -> " (" + CohortFormat.MAX_FOLLOW_UP_DAYS + " days)";
                case "weeks" -> " (5217.9 weeks)";
                case "years" -> "";
                default -> " (1200 months)";
            };
        }
    }

    /**
     * When an exposure starts ({@code <name>_start_<unit>}): any finite number in its unit, below 0
     * before treatment start, kept in months, and within 100 years of treatment start.
     */
    static final class Start extends Numeric {
        private final String unit;

        Start(int capacity, String name, String unit) {
            super(capacity, name, null);
            this.unit = unit;
        }

        @Override
        void read(DelimitedReader in, int field, int row, int patient, Problems problems) {
            super.read(in, field, row, patient, problems);
            double months = CohortFormat.toMonths(values[patient], unit);
            if (Math.abs(months) > CohortFormat.MAX_FOLLOW_UP_MONTHS) {
                problems.add(row, name, "a start within 100 years of treatment start was "
                        + "expected; got " + quoteCell(in, field) + " " + unit
                        + ": check the value, and that the column's unit is right");
                months = Double.NaN;
            }
            values[patient] = months;
        }
    }

    /** 0/1 flags (true/false accepted), -1 = missing. */
    static final class Flag extends ColumnReader {
        private final String meaning;
        byte[] values;

        Flag(int capacity, String name, String meaning) {
            super(capacity, name);
            this.meaning = meaning;
            this.values = new byte[this.capacity];
        }

        @Override
        void read(DelimitedReader in, int field, int row, int patient, Problems problems) {
            if (patient == values.length) {
                values = Arrays.copyOf(values, 2 * patient);
            }
            values[patient] = -1;
            if (in.isMissing(field)) {
                return;
            }
            int length = in.end(field) - in.start(field);
            byte first = in.data()[in.start(field)];
            if (length == 1 && (first == '0' || first == '1')) {
                values[patient] = (byte) (first - '0');
                return;
            }
            String text = in.text(field).toLowerCase(Locale.ROOT);
            if (text.equals("true")) {
                values[patient] = 1;
            } else if (text.equals("false")) {
                values[patient] = 0;
            } else {
                problems.add(row, name, meaning + " was expected; got " + quoteCell(in, field));
            }
        }

        @Override
        void finish(int patients) {
            values = Arrays.copyOf(values, patients);
        }

        @Override
        void append(ColumnReader later, int at, int count) {
            if (at + count > values.length) {
                values = Arrays.copyOf(values, at + count);
            }
            System.arraycopy(((Flag) later).values, 0, values, at, count);
        }
    }

    /** Text, null = missing; repeated values share one String. */
    static class Text extends ColumnReader {
        private final TextValues distinct;
        String[] values;

        /** @param categorical whether values repeat (all but patient ids) */
        Text(int capacity, String name, boolean categorical) {
            super(capacity, name);
            this.distinct = categorical ? new TextValues() : null;
            this.values = new String[this.capacity];
        }

        @Override
        void read(DelimitedReader in, int field, int row, int patient, Problems problems) {
            if (patient == values.length) {
                values = Arrays.copyOf(values, 2 * patient);
            }
            if (in.isMissing(field)) {
                values[patient] = null;
            } else if (distinct != null && !in.isQuoted(field)) {
                values[patient] = distinct.of(in.data(), in.start(field), in.end(field));
            } else {
                values[patient] = in.text(field).strip();
            }
        }

        @Override
        void finish(int patients) {
            values = Arrays.copyOf(values, patients);
        }

        /** The later part's repeated values share its own Strings: at most two per value. */
        @Override
        void append(ColumnReader later, int at, int count) {
            if (at + count > values.length) {
                values = Arrays.copyOf(values, at + count);
            }
            System.arraycopy(((Text) later).values, 0, values, at, count);
        }
    }

    /** ISO dates, kept as epoch days (Long.MIN_VALUE = missing). */
    static final class Date extends ColumnReader {
        long[] values;

        Date(int capacity, String name) {
            super(capacity, name);
            this.values = new long[this.capacity];
        }

        @Override
        void read(DelimitedReader in, int field, int row, int patient, Problems problems) {
            if (patient == values.length) {
                values = Arrays.copyOf(values, 2 * patient);
            }
            values[patient] = Long.MIN_VALUE;
            if (in.isMissing(field)) {
                return;
            }
            try {
                values[patient] = LocalDate.parse(in.text(field).strip()).toEpochDay();
            } catch (DateTimeParseException e) {
                problems.add(row, name, "a date yyyy-mm-dd was expected; got "
                        + quoteCell(in, field));
            }
        }

        @Override
        void finish(int patients) {
            values = Arrays.copyOf(values, patients);
        }

        @Override
        void append(ColumnReader later, int at, int count) {
            if (at + count > values.length) {
                values = Arrays.copyOf(values, at + count);
            }
            System.arraycopy(((Date) later).values, 0, values, at, count);
        }
    }

    /**
     * A column the format does not name: kept as text, and as numbers while every value is one,
     * so that it can later serve as a categorical or a numeric (cut-off) stratifier.
     */
    static final class Free extends Text {
        double[] numbers;
        boolean numeric = true;

        Free(int capacity, String name) {
            super(capacity, name, true);
            this.numbers = new double[this.capacity];
        }

        @Override
        void read(DelimitedReader in, int field, int row, int patient, Problems problems) {
            super.read(in, field, row, patient, problems);
            if (!numeric) {
                return;
            }
            if (patient == numbers.length) {
                numbers = Arrays.copyOf(numbers, 2 * patient);
            }
            if (in.isMissing(field)) {
                numbers[patient] = Double.NaN;
                return;
            }
            double v = in.number(field);
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                numeric = false;
                numbers = null;
            } else {
                numbers[patient] = v;
            }
        }

        @Override
        void finish(int patients) {
            super.finish(patients);
            if (numeric) {
                numbers = Arrays.copyOf(numbers, patients);
            }
        }

        @Override
        void append(ColumnReader later, int at, int count) {
            super.append(later, at, count);
            Free rest = (Free) later;
            numeric = numeric && rest.numeric;
            if (!numeric) {
                numbers = null;
                return;
            }
            if (at + count > numbers.length) {
                numbers = Arrays.copyOf(numbers, at + count);
            }
            System.arraycopy(rest.numbers, 0, numbers, at, count);
        }
    }
}
