/* 大厅显示屏: after each poll, a new call (its key changes, a recall too) is announced —
   a chime (Web Audio, no sound file) and "请A023号到5号窗口办理" spoken by the browser when it
   has a Chinese voice. Browsers only make sound after one click on the page: the button. */
(function () {
  "use strict";
  var lastKey = null;
  var soundOn = false;
  var audio = null;

  function chime() {
    if (!audio) { return; }
    var now = audio.currentTime;
    [880, 660].forEach(function (freq, i) {
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, now + i * 0.35);
      gain.gain.exponentialRampToValueAtTime(0.3, now + i * 0.35 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.35 + 0.33);
      osc.connect(gain).connect(audio.destination);
      osc.start(now + i * 0.35);
      osc.stop(now + i * 0.35 + 0.35);
    });
  }

  function chineseVoice() {
    if (!("speechSynthesis" in window)) { return null; }
    var voices = window.speechSynthesis.getVoices();
    for (var i = 0; i < voices.length; i++) {
      if (/^zh/i.test(voices[i].lang)) { return voices[i]; }
    }
    return null;
  }

  function speak(text) {
    var voice = chineseVoice();
    if (!voice || !text) { return; }
    var say = new SpeechSynthesisUtterance(text);
    say.voice = voice;
    say.lang = voice.lang;
    say.rate = 0.9;
    window.speechSynthesis.speak(say);
    window.setTimeout(function () { window.speechSynthesis.speak(new SpeechSynthesisUtterance(text)); }, 100);
  }

  function check() {
    var board = document.querySelector("#board .board");
    if (!board) { return; }
    var key = board.getAttribute("data-latest-key") || "";
    var text = board.getAttribute("data-latest-text") || "";
    document.body.setAttribute("data-announced", key);
    if (lastKey !== null && key && key !== lastKey) {
      document.body.setAttribute("data-last-announcement", text);
      if (soundOn) { chime(); window.setTimeout(function () { speak(text); }, 800); }
    }
    lastKey = key;
  }

  function tick() {
    var clock = document.getElementById("display-clock");
    if (clock) { clock.textContent = new Date().toLocaleTimeString("zh-CN", { hour12: false }); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    check();
    tick();
    window.setInterval(tick, 1000);
    document.body.addEventListener("htmx:afterSwap", check);
    var button = document.getElementById("sound-on");
    if (button) {
      button.addEventListener("click", function () {
        var Ctx = window.AudioContext || window.webkitAudioContext;
        if (Ctx && !audio) { audio = new Ctx(); }
        soundOn = true;
        button.textContent = chineseVoice() ? "🔊 声音已开启" : "🔊 提示音已开启（本机无中文语音）";
        button.classList.add("on");
        chime();
      });
    }
  });
})();
