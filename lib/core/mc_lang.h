/*
 * The languages a reader can choose: Vietnamese first, English complete.
 * Known to every layer (dates and numbers in lib/core/mc_fmt, notification
 * texts in lib/domain/mc_notify_text, the views in lib/web/mc_view).
 */
#ifndef MC_LANG_H
#define MC_LANG_H

enum mc_lang { LANG_VI, LANG_EN, LANG__MAX };

#endif
