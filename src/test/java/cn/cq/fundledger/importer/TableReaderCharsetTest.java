package cn.cq.fundledger.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A file's bytes are read as the text they are, or refused: a name is never stored misread. */
class TableReaderCharsetTest {

    private static final Charset GBK = Charset.forName("GBK");

    private static List<List<String>> read(byte[] bytes) {
        List<List<String>> rows = new ArrayList<>();
        TableReader.read("banks.csv", ImportFile.of("banks.csv", bytes), new TableReader.RowSink() {
            @Override
            public void header(List<String> columns) {
                rows.add(columns);
            }

            @Override
            public void row(int number, List<String> cells) {
                rows.add(cells);
            }
        }, 1 << 20);
        return rows;
    }

    @Test
    void utf8IsReadAsUtf8() {
        assertThat(read("bank_id,name\nB1,重庆银行 Crédit\n".getBytes(StandardCharsets.UTF_8)))
                .containsExactly(List.of("bank_id", "name"), List.of("B1", "重庆银行 Crédit"));
    }

    @Test
    void gbkOfCommonCharactersIsReadAsGbk() {
        assertThat(read("bank_id,name\nB1,重庆农村商业银行（渝北支行）\n".getBytes(GBK)))
                .containsExactly(List.of("bank_id", "name"), List.of("B1", "重庆农村商业银行（渝北支行）"));
    }

    @Test
    void latin1ThatGbkWouldReadAsRareHanziIsRefusedNamingTheLine() {
        byte[] latin1 = "bank_id,name\nB1,Bank\nB2,Crédit Agricole\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> read(latin1)).isInstanceOf(TableReader.UnreadableFile.class)
                .hasMessageContaining("line 3").hasMessageContaining("UTF-8");
    }

    @Test
    void gbkWithARareCharacterAsksForUtf8() {
        byte[] rare = "bank_id,name\nB1,堃元科技\n".getBytes(GBK);
        assertThatThrownBy(() -> read(rare)).isInstanceOf(TableReader.UnreadableFile.class)
                .hasMessageContaining("line 2").hasMessageContaining("save the file as UTF-8");
        assertThat(read("bank_id,name\nB1,堃元科技\n".getBytes(StandardCharsets.UTF_8)).get(1))
                .containsExactly("B1", "堃元科技");
    }

    @Test
    void bytesThatAreNeitherAreRefused() {
        byte[] bad = {'a', ',', 'b', '\n', (byte) 0x81, (byte) 0x20, '\n'};
        assertThatThrownBy(() -> read(bad)).isInstanceOf(TableReader.UnreadableFile.class)
                .hasMessageContaining("neither UTF-8 nor GBK").hasMessageContaining("line 2");
    }
}
