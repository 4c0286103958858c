package demo.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import demo.images.ImageResizer.Plan;
import demo.images.ResizeRequest.Format;
import demo.images.ResizeRequest.Mode;
import dev.conduit.HttpException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageResizerTest {
    private static Plan plan(int sw, int sh, int w, int h, Mode mode) {
        return ImageResizer.plan(sw, sh, new ResizeRequest(w, h, mode, Format.PNG, 0), 4096);
    }

    @ParameterizedTest(name = "{0}x{1} w={2} h={3} {4} -> {5}x{6}")
    @CsvSource({
        // source     request        output
        "1600, 1200, 400, 0,   MAX,     400, 300",
        "1600, 1200, 0,   300, MAX,     400, 300",
        "1600, 1200, 400, 400, MAX,     400, 300",
        "1200, 1600, 400, 400, MAX,     300, 400",
        "1600, 1200, 0,   0,   MAX,     1600, 1200",
        "100,  50,   400, 0,   MAX,     100, 50",
        "1600, 1200, 400, 400, CROP,    400, 400",
        "1600, 1200, 400, 0,   CROP,    400, 300",
        "1600, 1200, 400, 400, PAD,     400, 400",
        "100,  50,   400, 400, PAD,     400, 400",
        "1600, 1200, 400, 100, STRETCH, 400, 100",
        "100,  50,   400, 400, STRETCH, 400, 400",
        "3000, 1,    10,  0,   MAX,     10, 1",
    })
    void outputSizeFollowsTheMode(int sw, int sh, int w, int h, Mode mode, int ow, int oh) {
        Plan plan = plan(sw, sh, w, h, mode);
        assertThat(plan.outWidth()).isEqualTo(ow);
        assertThat(plan.outHeight()).isEqualTo(oh);
    }

    @Test
    void cropTakesTheCentreWithTheBoxsAspectRatio() {
        assertThat(plan(1600, 1200, 400, 400, Mode.CROP).region()).isEqualTo(new Rectangle(200, 0, 1200, 1200));
        assertThat(plan(1600, 1200, 400, 100, Mode.CROP).region()).isEqualTo(new Rectangle(0, 400, 1600, 400));
    }

    @Test
    void padFitsTheContentAndEnlargesToFill() {
        Plan wide = plan(1600, 1200, 400, 400, Mode.PAD);
        assertThat(wide.contentWidth()).isEqualTo(400);
        assertThat(wide.contentHeight()).isEqualTo(300);
        Plan small = plan(100, 50, 400, 400, Mode.PAD);
        assertThat(small.contentWidth()).isEqualTo(400);
        assertThat(small.contentHeight()).isEqualTo(200);
    }

    @Test
    void anOutputOverTheLimitIsRefusedWith400() {
        assertThatThrownBy(() -> plan(1600, 1200, 0, 4000, Mode.CROP))
                .isInstanceOfSatisfying(
                        HttpException.class, e -> assertThat(e.statusCode()).isEqualTo(400))
                .hasMessage("The output would be 5333x4000 pixels; the largest allowed is 4096x4096.");
        // In max mode the same request never enlarges, so it is within the limit.
        assertThat(plan(1600, 1200, 0, 4000, Mode.MAX).outWidth()).isEqualTo(1600);
    }

    @Test
    void jpegOutputIsFlattenedOntoWhiteAndPngKeepsTransparency() {
        BufferedImage source = new BufferedImage(40, 20, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = source.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(10, 0, 20, 20);
        g.dispose();
        Plan plan = plan(40, 20, 20, 0, Mode.MAX);

        BufferedImage jpeg = ImageResizer.render(source, plan, Format.JPG);
        assertThat(jpeg.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(jpeg.getRGB(0, 5) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertThat(jpeg.getRGB(10, 5) & 0xFFFFFF).isEqualTo(0xFF0000);

        BufferedImage png = ImageResizer.render(source, plan, Format.PNG);
        assertThat(png.getColorModel().hasAlpha()).isTrue();
        assertThat(png.getRGB(0, 5) >>> 24).isZero();
        assertThat(png.getRGB(10, 5)).isEqualTo(0xFFFF0000);
    }

    @Test
    void aPaletteImageConvertedUnchangedInSizeBecomesPlainRgbForJpeg() {
        BufferedImage binary = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_BINARY);
        Plan same = plan(8, 8, 0, 0, Mode.MAX);
        assertThat(same.isIdentity(8, 8)).isTrue();
        assertThat(ImageResizer.render(binary, same, Format.JPG).getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(ImageResizer.render(binary, same, Format.PNG)).isSameAs(binary);
    }
}
