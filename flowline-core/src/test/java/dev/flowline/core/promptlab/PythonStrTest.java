package dev.flowline.core.promptlab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonStrTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"0.7\"|0.7",
                "0.7|0.7",
                "0.1|0.1",
                "256|256",
                "12345678901234567890|12345678901234567890",
                "1.0|1.0",
                "-2.5|-2.5",
                "0.0001|0.0001",
                "0.00001|1e-05",
                "1e-7|1e-07",
                "123.456|123.456",
                "1e15|1000000000000000.0",
                "1e16|1e+16",
                "1.5e300|1.5e+300",
                "-0.0|-0.0",
                "true|True",
                "false|False",
                "null|None",
                "[\"a\", 1, 0.5, null]|['a', 1, 0.5, None]",
                "[\"it's\"]|[\"it's\"]",
                "{\"k\": \"v\"}|{'k': 'v'}"
            })
    void showsAJsonValueAsPythonsStrDoes(String json, String expected) throws Exception {
        assertThat(PythonStr.of(JSON.readTree(json))).isEqualTo(expected);
    }
}
