/*
 * test-text-normalize.c — the canonical form of labels, names and ids.
 */
#include "charfold.h"
#include "text_normalize.h"

static const struct {
    const char *input;
    const char *expected;
} cases[] = {
    {NULL, " "},
    {"", " "},
    {"   ", " "},
    {"First name", " first name "},
    {"firstName", " first name "},
    {"billing_first_name", " billing first name "},
    {"shipping-last-name", " shipping last name "},
    {"customer[firstName]", " customer first name "},
    {"ZIPCode", " zip code "},
    {"PHONE_NUMBER", " phone number "},
    {"addressLine2", " address line 2 "},
    {"address2", " address 2 "},
    {"2ndLine", " 2 nd line "},
    {"E-Mail-Adresse*", " e mail adresse "},
    {"Prénom", " prenom "},
    {"Straße", " strasse "},
    {"Imię i nazwisko", " imie i nazwisko "},
    {"Miejscowość", " miejscowosc "},
    {"Förnamn", " fornamn "},
    {"Şehir", " sehir "},
    {"Adınız", " adiniz "},
    /* Turkish dotted and dotless I in every case a page may use: as
     * written, upper-cased (CSS or a Turkish-locale toUpperCase), lowered by
     * a non-Turkish toLowerCase (i + combining dot), and in plain ASCII. */
    {"İl", " il "},
    {"İL", " il "},
    {"il", " il "},
    {"Il", " il "},
    {"IL", " il "},
    {"ıl", " il "},
    {"i\u0307l", " il "},
    {"I\u0307L", " il "},
    {"İlçe", " ilce "},
    {"İLÇE", " ilce "},
    {"ILÇE", " ilce "},
    {"ılçe", " ilce "},
    {"i\u0307lçe", " ilce "},
    {"Teslimat İli", " teslimat ili "},
    {"ADINIZ SOYADINIZ", " adiniz soyadiniz "},
    {"ŞEHİR", " sehir "},
    {"KULLANICI ADI", " kullanici adi "},
    {"Kullanıcı Adı", " kullanici adi "},
    {"İlİlçe", " il ilce "},
    {"Nº de carte", " n de carte "},
    {"N° de carte", " n de carte "},
    {"1ª planta", " 1 planta "},
    {"Почтовый индекс", " почтовыи индекс "},
    {"ＥＭＡＩＬ", " email "},
    {"メールアドレス", " メールアドレス "},
    {"E-mail地址", " e mail 地址 "},
    {"电子邮件：", " 电子邮件 "},
    {"이메일 주소", " 이메일 주소 "},
    {"MM / YY", " mm yy "},
    {"Name\u00a0on\tcard", " name on card "},
    /* ro el uk vi id: Romanian comma-below and cedilla letters alike;
     * Greek accents and final sigma in every case; the Ukrainian apostrophe
     * in its three spellings, with і, ї, є and ґ; Vietnamese diacritics
     * and đ. */
    {"Județ", " judet "},
    {"Judeţ", " judet "},
    {"JUDEȚUL", " judetul "},
    {"Oraș / Localitate", " oras localitate "},
    {"Oraş", " oras "},
    {"Țara", " tara "},
    {"Ţara", " tara "},
    {"Cod poștal", " cod postal "},
    {"Επώνυμο", " επωνυμο "},
    {"ΕΠΏΝΥΜΟ", " επωνυμο "},
    {"Όνομα", " ονομα "},
    {"ΌΝΟΜΑ", " ονομα "},
    {"Ταχυδρομικός κώδικας", " ταχυδρομικοσ κωδικασ "},
    {"ΤΑΧΥΔΡΟΜΙΚΟΣ ΚΩΔΙΚΑΣ", " ταχυδρομικοσ κωδικασ "},
    {"Τ.Κ.", " τ κ "},
    {"Νομός", " νομοσ "},
    {"Διεύθυνση", " διευθυνση "},
    {"Ім'я", " ім я "},
    {"Ім’я", " ім я "},
    {"Імʼя", " ім я "},
    {"ІМ'Я", " ім я "},
    {"Країна", " краіна "},
    {"КРАЇНА", " краіна "},
    {"Електронна пошта", " електронна пошта "},
    {"ЄДРПОУ", " єдрпоу "},
    {"Ґанок", " ґанок "},
    {"Поштовий індекс", " поштовии індекс "},
    {"Họ và tên", " ho va ten "},
    {"HỌ VÀ TÊN", " ho va ten "},
    {"Số điện thoại", " so dien thoai "},
    {"SĐT", " sdt "},
    {"Địa chỉ", " dia chi "},
    {"Tỉnh/Thành phố", " tinh thanh pho "},
    {"Quận/Huyện", " quan huyen "},
    {"Phường/Xã", " phuong xa "},
    {"Ngày sinh", " ngay sinh "},
    /* he ar: Hebrew geresh and gershayim, typed or proper, break alike;
     * Arabic hamza seats fold to alef, final ى to ي, tatweel drops,
     * Arabic-Indic digits read as digits. */
    {"דוא\"ל", " דוא ל "},
    {"דוא״ל", " דוא ל "},
    {"מס' כרטיס", " מס כרטיס "},
    {"מס׳ כרטיס", " מס כרטיס "},
    {"الاسم الأول", " الاسم الاول "},
    {"الإيميل", " الايميل "},
    {"آخر", " اخر "},
    {"الرمز البريدى", " الرمز البريدي "},
    {"البريـــد", " البريد "},
    {"رقم ١٢٣", " رقم 123 "},
    /* Czech, Slovak, Danish, Norwegian, Finnish and Hungarian letters, as
     * written and decomposed (a combining caron or ring after the letter). */
    {"Příjmení", " prijmeni "},
    {"Pr\u030ci\u0301jmeni\u0301", " prijmeni "},
    {"Ulice a číslo popisné", " ulice a cislo popisne "},
    {"Držiteľ karty", " drzitel karty "},
    {"Ĺ ĽUBICA ŔÔ", " l lubica ro "},
    {"Udløbsdato", " udlobsdato "},
    {"Bekræft adgangskode", " bekraeft adgangskode "},
    {"Utløpsmåned", " utlopsmaned "},
    {"Na\u030avæ\u0301rende", " navaerende "},
    {"Sähköpostiosoite", " sahkopostiosoite "},
    {"Születési dátum", " szuletesi datum "},
    {"ŐSZI ŰRLAP", " oszi urlap "},
    {"Irányítószám", " iranyitoszam "},
};

static void test_table(void)
{
    g_autoptr(GString) out = g_string_new(NULL);
    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        text_normalize(cases[i].input, out);
        g_assert_cmpstr(out->str, ==, cases[i].expected);
    }
}

/* Input past the limit is ignored; broken UTF-8 stops the walk. */
static void test_bounds(void)
{
    g_autoptr(GString) out = g_string_new(NULL);
    g_autofree char *long_text = g_strnfill(TEXT_NORMALIZE_MAX_INPUT * 4, 'a');
    text_normalize(long_text, out);
    g_assert_cmpuint(out->len, ==, TEXT_NORMALIZE_MAX_INPUT + 2);
    text_normalize("city\xff\xfe zip", out);
    g_assert_cmpstr(out->str, ==, " city ");
    text_normalize(" - * ", out);
    g_assert_cmpstr(out->str, ==, " ");
}

/* The Latin table made at build time says what GLib says today. */
static void test_latin_table_current(void)
{
    g_autoptr(GString) folded = g_string_new(NULL);
    for (gunichar c = 0x80; c < CHARFOLD_LATIN_END; c++) {
        CharClass cls = charfold_class(c);
        g_assert_cmpint(charfold_latin[c - 0x80].cls, ==, cls);
        g_string_truncate(folded, 0);
        if (cls != CHAR_BREAK && cls != CHAR_CJK)
            charfold_append(c, folded);
        g_assert_cmpstr(charfold_latin[c - 0x80].folded, ==, folded->str);
    }
}

/* Two-byte characters read without GLib: the same words as through it,
 * and a sequence cut short or overlong stops the walk. */
static void test_two_byte_sequences(void)
{
    g_autoptr(GString) out = g_string_new(NULL);
    text_normalize("\xc3\x85land Stra\xc3\x9f" "e \xd0\x98\xd0\xbc\xd1\x8f", out); /* Åland Straße Имя */
    g_assert_cmpstr(out->str, ==, " aland strasse имя ");
    text_normalize("zip\xc3", out);
    g_assert_cmpstr(out->str, ==, " zip ");
    text_normalize("zip\xc3" "a city", out);
    g_assert_cmpstr(out->str, ==, " zip ");
    text_normalize("zip\xc1\xbf city", out); /* overlong */
    g_assert_cmpstr(out->str, ==, " zip ");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/text-normalize/table", test_table);
    g_test_add_func("/text-normalize/bounds", test_bounds);
    g_test_add_func("/text-normalize/latin-table-current", test_latin_table_current);
    g_test_add_func("/text-normalize/two-byte-sequences", test_two_byte_sequences);
    return g_test_run();
}
