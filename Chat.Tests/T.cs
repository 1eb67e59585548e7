namespace Chat.Tests; public class T { [Fact] public void X() {} }
