import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.io.File;
import javax.imageio.ImageIO;

/**
 * Saves the whole X screen named by DISPLAY as a PNG: {@code java Screenshot.java <file.png>}.
 * Needs no image tools on the machine (AWT reads the root window, ImageIO writes the file).
 */
public final class Screenshot {
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java Screenshot.java <file.png>");
            System.exit(2);
        }
        Rectangle screen = GraphicsEnvironment.getLocalGraphicsEnvironment()
                .getDefaultScreenDevice().getDefaultConfiguration().getBounds();
        File out = new File(args[0]);
        if (!ImageIO.write(new Robot().createScreenCapture(screen), "png", out)) {
            System.err.println("Screenshot: no PNG writer in this JDK; cannot write " + out);
            System.exit(1);
        }
    }
}
