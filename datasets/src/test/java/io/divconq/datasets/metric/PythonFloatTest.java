package io.divconq.datasets.metric;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Python's float() and str(float) as CPython 3 gives them (values checked against CPython's documented behaviour). */
class PythonFloatTest {

    @ParameterizedTest(name = "str(float({0})) = {1}")
    @CsvSource(delimiter = '|', value = {
            "12|12.0", "12.000|12.0", "  1.2e1  |12.0", "0.1|0.1", "1e22|1e+22", "1e16|1e+16", "9999999999999998|9999999999999998.0",
            "0.30000000000000004|0.30000000000000004", "1e-4|0.0001", "1.5e-5|1.5e-05", "2.5E+3|2500.0", "-0|-0.0",
            "5.|5.0", ".5|0.5", "1_000.5|1000.5", "+7|7.0", "1e400|inf", "-Infinity|-inf", "nan|nan", "123456789.123456789|123456789.12345679"})
    void readsAndPrintsLikePython(String text, String printed) {
        assertThat(PythonFloat.repr(PythonFloat.parse(text).orElseThrow())).isEqualTo(printed);
    }

    @ParameterizedTest(name = "float({0}) raises")
    @CsvSource(delimiter = '|', value = {"1,000", "0x10", "1d", "1f", "_1", "1_", "1__0", "1 000", "e5", "1e", ".", "12%", "twelve", "in"})
    void rejectsWhatPythonRejects(String text) {
        assertThat(PythonFloat.parse(text)).isEmpty();
    }
}
