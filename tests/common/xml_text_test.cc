// Text of any bytes as XML 1.0 character data: markup escaped, forbidden characters and
// invalid UTF-8 replaced, everything else kept byte for byte.
#include "common/xml_text.h"

#include <string>

#include <gtest/gtest.h>

namespace grader {
namespace {

TEST(XmlTextTest, EscapesMarkupCharacters) {
  EXPECT_EQ(XmlEscaped("a < b && c > \"d\" 'e'"),
            "a &lt; b &amp;&amp; c &gt; &quot;d&quot; &#39;e&#39;");
  EXPECT_EQ(XmlEscaped("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
}

TEST(XmlTextTest, CdataTerminatorCannotSurvive) {
  EXPECT_EQ(XmlEscaped("x]]>y"), "x]]&gt;y");
}

TEST(XmlTextTest, KeepsValidUtf8AndWhitespace) {
  const std::string text = "caf\xC3\xA9 \xE2\x86\x92 \xF0\x9F\x98\x80\tend\nnext";
  EXPECT_EQ(XmlEscaped(text), text);
}

TEST(XmlTextTest, ForbiddenControlCharactersBecomeVisibleText) {
  EXPECT_EQ(XmlEscaped(std::string("a\0b", 3)), "a\\x00b");
  EXPECT_EQ(XmlEscaped("\x1b[31mred\x1b[0m"), "\\x1b[31mred\\x1b[0m");
  EXPECT_EQ(XmlEscaped("\x01\x08\x0b\x0c\x1f"), "\\x01\\x08\\x0b\\x0c\\x1f");
  EXPECT_EQ(XmlEscaped("\xEF\xBF\xBE\xEF\xBF\xBF"), "\\ufffe\\uffff");  // U+FFFE, U+FFFF
}

TEST(XmlTextTest, CarriageReturnIsACharacterReference) {
  EXPECT_EQ(XmlEscaped("a\r\nb"), "a&#13;\nb");
}

TEST(XmlTextTest, InvalidUtf8BecomesReplacementCharacters) {
  const std::string replacement = "\xEF\xBF\xBD";
  EXPECT_EQ(XmlEscaped("a\xFF" "b"), "a" + replacement + "b");           // never a lead byte
  EXPECT_EQ(XmlEscaped("\x80"), replacement);                            // stray continuation
  EXPECT_EQ(XmlEscaped("\xC3"), replacement);                            // cut short at the end
  EXPECT_EQ(XmlEscaped("\xC3(x"), replacement + "(x");                   // cut short inside
  EXPECT_EQ(XmlEscaped("\xC0\xAF"), replacement + replacement);          // overlong '/'
  EXPECT_EQ(XmlEscaped("\xE0\x80\xAF"), replacement + replacement + replacement);  // overlong
  EXPECT_EQ(XmlEscaped("\xED\xA0\x80"), replacement + replacement + replacement);  // surrogate
  EXPECT_EQ(XmlEscaped("\xF4\x90\x80\x80"),
            replacement + replacement + replacement + replacement);  // past U+10FFFF
  EXPECT_EQ(XmlEscaped("\xF4\x8F\xBF\xBF"), "\xF4\x8F\xBF\xBF");     // U+10FFFF itself
}

TEST(XmlTextTest, AttributesKeepLineBreaksAndTabsAsReferences) {
  EXPECT_EQ(XmlAttributeEscaped("one\ntwo\tthree\r"), "one&#10;two&#9;three&#13;");
  EXPECT_EQ(XmlAttributeEscaped("say \"hi\""), "say &quot;hi&quot;");
}

}  // namespace
}  // namespace grader
