package io.oncosurv.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class Decimal15Test {

    private static String write(double v) {
        StringBuilder out = new StringBuilder();
        Decimal15.append(out, v);
        return out.toString();
    }

    @Test
    @DisplayName("15 significant digits, read back within 1e-14 relative, valid JSON numbers")
    void roundTripsWithin15Digits() {
        Random random = new Random(9);
        for (int i = 0; i < 300_000; i++) {
            double v = random.nextDouble() * Math.pow(10, random.nextInt(50) - 25)
                    * (random.nextBoolean() ? 1 : -1);
            String text = write(v);
            double back = Double.parseDouble(text);
            assertEquals(v, back, Math.abs(v) * 1e-14, text);
            assertEquals(true, text.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?(e-?[0-9]+)?"), text);
        }
    }

    @Test
    @DisplayName("plain numbers look plain")
    void plainNumbers() {
        assertEquals("0", write(0));
        assertEquals("12", write(12));
        assertEquals("310", write(310));
        assertEquals("0.5", write(0.5));
        assertEquals("10.0533880903491", write(10.0533880903491));
        assertEquals("0.00131116452035549", write(0.00131116452035549));
        assertEquals("-2.5", write(-2.5));
        assertEquals("0.0000127124593900609", write(1.27124593900609e-05));
        assertEquals("1.27124593900609e-12", write(1.27124593900609e-12));
        assertEquals("2.5e15", write(2.5e15));
        assertEquals("0.7", write(0.7));
        assertEquals("1", write(0.9999999999999999));
    }
}
