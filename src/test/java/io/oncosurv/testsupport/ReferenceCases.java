package io.oncosurv.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/** The named cases of an R reference file, one dynamic test each (named as the case). */
public final class ReferenceCases {

    private ReferenceCases() {
    }

    /** A test per field of {@code cases}: {@code compare(name, case)}. */
    public static Stream<DynamicTest> each(JsonNode cases, BiConsumer<String, JsonNode> compare) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = cases.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> c = it.next();
            tests.add(DynamicTest.dynamicTest(c.getKey(), () -> compare.accept(c.getKey(),
                    c.getValue())));
        }
        return tests.stream();
    }
}
